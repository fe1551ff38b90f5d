import type { ServerResponse } from 'node:http';

/**
 * Content-Security-Policy of every HTML page the playground serves (the playground, its sign-in
 * callback and mounted example apps): scripts, styles, fonts and requests from this origin only,
 * so the browser itself refuses any outside host. GraphiQL sets inline styles at run time, hence
 * `'unsafe-inline'` for styles only; its fonts are inlined as `data:` URLs.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** Headers every HTML page gets: the CSP, no MIME sniffing, no referrer (callback URLs carry a code). */
export function pageHeaders(): Record<string, string> {
  return {
    'content-security-policy': PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** Sends a complete body with its length; `HEAD` gets the headers only. */
export function sendBody(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  headOnly = false,
): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(headOnly ? undefined : body);
}

/** An HTML page with {@link pageHeaders}, never cached (it names the current configuration). */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headOnly = false,
): void {
  sendBody(
    res,
    status,
    'text/html; charset=utf-8',
    html,
    { ...pageHeaders(), 'cache-control': 'no-store' },
    headOnly,
  );
}

/** A JSON answer, never cached. */
export function sendJsonNoStore(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(value), {
    'cache-control': 'no-store',
    pragma: 'no-cache',
    ...headers,
  });
}
