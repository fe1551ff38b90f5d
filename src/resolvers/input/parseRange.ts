import { GatewayError } from '../../errors/GatewayError.js';
import { parseDateTime } from '../../time/ole.js';

const DAY_MS = 86_400_000;

/** A validated half-open range of instants [fromMs, toMs). */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/**
 * Validates a schedule range the gateway can reject itself (CONTRACT §5): `to` must be after
 * `from`, and the range at most `maxDays` days long. The `DateTime` scalar has already checked
 * both values' format.
 *
 * @throws GatewayError BAD_USER_INPUT naming the rule broken.
 */
export function parseRange(from: string, to: string, maxDays: number): TimeRange {
  const fromMs = parseDateTime(from);
  const toMs = parseDateTime(to);
  if (toMs <= fromMs) {
    throw GatewayError.badUserInput('The range is empty: `to` must be after `from`.');
  }
  if (toMs - fromMs > maxDays * DAY_MS) {
    throw GatewayError.badUserInput(
      `The range is too long: at most ${maxDays} days between \`from\` and \`to\`.`,
      {
        maxDays,
      },
    );
  }
  return { fromMs, toMs };
}
