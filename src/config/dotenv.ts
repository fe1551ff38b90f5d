import { readFileSync } from 'node:fs';
import { ConfigError } from './ConfigError.js';

/**
 * A deliberately small `.env` reader: `KEY=VALUE` lines, `#` comments, blank lines, an optional
 * `export ` prefix, and values optionally wrapped in single or double quotes (no escapes, no
 * interpolation, no multi-line values). Anything else is an error naming the line, so a typo is
 * never silently ignored.
 */
export class DotEnvSyntaxError extends Error {
  readonly line: number;

  constructor(line: number, rule: string) {
    super(`line ${line}: ${rule}`);
    this.name = 'DotEnvSyntaxError';
    this.line = line;
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses the text of a `.env` file into a fresh object (later keys win). */
export function parseDotEnv(text: string): Record<string, string> {
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('export ')) line = line.slice('export '.length).trimStart();
    const eq = line.indexOf('=');
    if (eq <= 0) throw new DotEnvSyntaxError(lineNo, 'expected KEY=VALUE');
    const key = line.slice(0, eq).trim();
    if (!KEY.test(key))
      throw new DotEnvSyntaxError(lineNo, 'the key must match [A-Za-z_][A-Za-z0-9_]*');
    result[key] = unquote(line.slice(eq + 1).trim(), lineNo);
  });
  return result;
}

function unquote(value: string, lineNo: number): string {
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = value.indexOf(quote, 1);
    if (end < 0) throw new DotEnvSyntaxError(lineNo, `unterminated ${quote} quote`);
    const rest = value.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#'))
      throw new DotEnvSyntaxError(lineNo, 'text after the closing quote');
    return value.slice(1, end);
  }
  // An unquoted value ends at ` #` (an inline comment), like most .env readers.
  const comment = value.search(/\s#/);
  return (comment >= 0 ? value.slice(0, comment) : value).trim();
}

/**
 * The variables of the `.env` file at `path` (none when it does not exist or `path` is null), or
 * the ConfigError saying why it could not be read.
 */
export function readDotEnvFile(path: string | null): {
  variables: Record<string, string>;
  problem?: ConfigError;
} {
  if (path === null) return { variables: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { variables: {} };
    return {
      variables: {},
      problem: new ConfigError('.env', 'must be a readable file', JSON.stringify(path)),
    };
  }
  try {
    return { variables: parseDotEnv(text) };
  } catch (error) {
    if (error instanceof DotEnvSyntaxError)
      return { variables: {}, problem: new ConfigError(`.env (${path})`, error.message) };
    throw error;
  }
}
