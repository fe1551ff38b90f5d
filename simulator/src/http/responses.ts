import type { SimResponse } from '../types.js';

/** A JSON answer (`application/json;charset=UTF-8`, as the Spring-based Genesys services send). */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** An HTML page. */
export function htmlResponse(
  status: number,
  html: string,
  headers: Record<string, string> = {},
): SimResponse {
  return { status, headers: { 'content-type': 'text/html;charset=UTF-8', ...headers }, body: html };
}

/** A 302 redirect with no body. */
export function redirectResponse(location: string): SimResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store' } };
}

/** Escapes text for HTML element bodies and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === "'" ? '&#39;' : '&quot;',
  );
}
