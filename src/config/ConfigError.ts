/**
 * A configuration value that breaks its rule. The message names the variable, the rule and the
 * value received (secrets and URL credentials redacted). `loadConfig` collects every one it finds
 * and throws them together as {@link ConfigErrors}.
 */
export class ConfigError extends Error {
  readonly variable: string;
  readonly rule: string;
  /** The value as shown in the message (possibly redacted); undefined when the rule is about absence. */
  readonly received: string | undefined;

  constructor(variable: string, rule: string, received?: string) {
    super(`Invalid configuration: ${describe(variable, rule, received)}.`);
    this.name = 'ConfigError';
    this.variable = variable;
    this.rule = rule;
    this.received = received;
  }

  /** The message without its "Invalid configuration:" prefix and final period. */
  get detail(): string {
    return describe(this.variable, this.rule, this.received);
  }
}

/**
 * Every bad variable `loadConfig` found, in the order it read them, so one start shows them all.
 * The message lists each on its own line; `main` prints it and exits 1.
 */
export class ConfigErrors extends Error {
  readonly errors: readonly ConfigError[];

  /** @param errors at least one. */
  constructor(errors: readonly ConfigError[]) {
    if (errors.length === 0) throw new TypeError('ConfigErrors: needs at least one ConfigError');
    super(
      errors.length === 1
        ? (errors[0] as ConfigError).message
        : `Invalid configuration (${errors.length} problems):\n${errors.map((e) => `  - ${e.detail}.`).join('\n')}`,
    );
    this.name = 'ConfigErrors';
    this.errors = Object.freeze([...errors]);
  }

  /** The variables named, in order (a variable may appear once per broken rule). */
  get variables(): string[] {
    return this.errors.map((e) => e.variable);
  }
}

function describe(variable: string, rule: string, received: string | undefined): string {
  return received === undefined
    ? `${variable} ${rule}`
    : `${variable} ${rule}; received ${received}`;
}
