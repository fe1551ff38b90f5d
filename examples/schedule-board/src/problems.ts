import type { CombinedError } from '@urql/core';
import type { BoardErrorExtensionsFragment, ForbiddenReason } from './__generated__/graphql.js';

/** What went wrong, as the board tells the user. */
export type Problem =
  | { kind: 'RATE_LIMITED'; retryAfterSec: number }
  | { kind: 'FORBIDDEN'; reason: ForbiddenReason | null; message: string }
  | { kind: 'UNAUTHENTICATED' }
  | { kind: 'OTHER'; code: string; message: string };

/** Plain words for each FORBIDDEN reason. */
const FORBIDDEN_TEXT: Record<ForbiddenReason, string> = {
  WFM_NOT_PROVISIONED: 'This user is not provisioned in WFM, so there are no sites or schedules.',
  INSUFFICIENT_PRIVILEGES:
    'WFM does not let this user see these schedules (an agent sees only their own).',
  INVALID_API_KEY: "Genesys refused the gateway's API key; tell the gateway's operator.",
  MISSING_PERMISSIONS:
    'Genesys Cloud refused: this user lacks a permission the request needs (ask an admin to add it).',
  UPSTREAM_FORBIDDEN: 'Genesys refused the request.',
};

/** The text shown for a FORBIDDEN problem. */
export function forbiddenText(reason: ForbiddenReason | null): string {
  return reason ? FORBIDDEN_TEXT[reason] : 'Genesys refused the request.';
}

/**
 * The one problem to show for a failed or partial result, decided on `extensions.code` (never on
 * the message): the gateway's ErrorCode, typed by the generated `BoardErrorExtensions` fragment.
 * When several errors come back, the one the user can act on wins: sign in again, wait, or ask
 * for access.
 */
export function problemOf(error: CombinedError | undefined): Problem | null {
  if (!error) return null;
  const extensions = error.graphQLErrors.map(
    (e) => e.extensions as Partial<BoardErrorExtensionsFragment>,
  );
  if (extensions.some((x) => x.code === 'UNAUTHENTICATED')) return { kind: 'UNAUTHENTICATED' };
  const limited = extensions.find((x) => x.code === 'RATE_LIMITED');
  if (limited) return { kind: 'RATE_LIMITED', retryAfterSec: Math.max(1, limited.retryAfter ?? 1) };
  const forbidden = extensions.find((x) => x.code === 'FORBIDDEN');
  if (forbidden) {
    const reason = forbidden.reason ?? null;
    return { kind: 'FORBIDDEN', reason, message: forbiddenText(reason) };
  }
  const first = error.graphQLErrors[0];
  if (first) {
    const code = typeof first.extensions.code === 'string' ? first.extensions.code : 'ERROR';
    return { kind: 'OTHER', code, message: first.message };
  }
  return { kind: 'OTHER', code: 'NETWORK', message: error.networkError?.message ?? error.message };
}
