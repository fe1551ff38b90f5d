import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One family of the simulator's paths (Engage auth, WFM REST, WFM SOAP, the Cloud API, admin…)
 * and what answers it. createSimulator.ts lists them in one table, first match wins: adding a
 * platform's route family is one more entry.
 */
export interface SimRoute {
  /** Which family, for readers of the table. */
  readonly name: string;
  matches(url: URL): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

/** Matches `base` itself and every path below it (`/auth/v3`, `/auth/v3/oauth/token`). */
export function atOrUnder(base: string): (url: URL) => boolean {
  return (url) => url.pathname === base || url.pathname.startsWith(`${base}/`);
}

/** Matches only paths below `base` (`/api/v2/users/me`, not `/api/v2`). */
export function under(...bases: string[]): (url: URL) => boolean {
  return (url) => bases.some((base) => url.pathname.startsWith(`${base}/`));
}

/** The first route of `routes` that matches `url`, or null (answered 404). */
export function findRoute(routes: readonly SimRoute[], url: URL): SimRoute | null {
  return routes.find((route) => route.matches(url)) ?? null;
}
