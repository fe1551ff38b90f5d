import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GatewayError } from '../../errors/GatewayError.js';
import { parseDateTime } from '../../time/ole.js';

const EXAMPLE = '2026-03-08T03:00:00-05:00';

/**
 * The instants an input may name: years 1900 to 2100 (UTC). WFM's OLE dates and the zone rules
 * of `Intl` are meaningful there; a year 0000 or 9999 is a client's mistake (or a probe), refused
 * before anything reaches WFM.
 */
export const DATE_TIME_WINDOW = Object.freeze({
  fromMs: Date.UTC(1900, 0, 1),
  toMs: Date.UTC(2101, 0, 1),
});

/**
 * `DateTime`: ISO 8601 / RFC 3339 text with an explicit offset (`Z` or `±hh:mm`). Input is
 * checked strictly (format, field ranges, the years 1900–2100) and kept as the client wrote it (the offset is information); output strings
 * are emitted as they are (the gateway formats them in the site's zone beforehand).
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'ISO 8601 date-time with an explicit offset, e.g. 2026-03-08T03:00:00-05:00.',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Date && Number.isFinite(value.getTime())) return value.toISOString();
    throw new TypeError('DateTime cannot represent a value that is not an ISO 8601 string');
  },
  parseValue(value) {
    if (typeof value !== 'string') throw invalid(`got a ${value === null ? 'null' : typeof value}`);
    return checked(value);
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING)
      throw invalid(`got a ${ast.kind.toLowerCase().replace('value', '')} literal`);
    return checked(ast.value);
  },
});

function checked(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  let ms: number;
  try {
    ms = parseDateTime(value);
  } catch (error) {
    throw invalid(`got "${shown}"`, error);
  }
  if (ms < DATE_TIME_WINDOW.fromMs || ms >= DATE_TIME_WINDOW.toMs) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `DateTime must lie in the years 1900 to 2100 (UTC); got "${shown}".`,
    );
  }
  return value;
}

function invalid(detail: string, cause?: unknown): GatewayError {
  return new GatewayError(
    'BAD_USER_INPUT',
    `DateTime must be an ISO 8601 date-time with an explicit offset (Z or ±hh:mm), e.g. ${EXAMPLE}; ${detail}.`,
    { cause },
  );
}
