/**
 * A configuration value that breaks its rule. The message names the variable, the rule and the
 * value received (secrets and URL credentials redacted), so `main` can print it and exit 1.
 */
export class ConfigError extends Error {
  readonly variable: string;
  readonly rule: string;
  /** The value as shown in the message (possibly redacted); undefined when the rule is about absence. */
  readonly received: string | undefined;

  constructor(variable: string, rule: string, received?: string) {
    super(
      received === undefined
        ? `Invalid configuration: ${variable} ${rule}.`
        : `Invalid configuration: ${variable} ${rule}; received ${received}.`,
    );
    this.name = 'ConfigError';
    this.variable = variable;
    this.rule = rule;
    this.received = received;
  }
}
