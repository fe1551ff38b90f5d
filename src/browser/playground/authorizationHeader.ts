/**
 * The header editor's JSON with the `Authorization` header set to `Bearer <token>` (token given)
 * or removed (token null); other headers keep their order after it. `replace` decides whether an
 * existing, different Authorization value may be overwritten or removed. Returns the text
 * unchanged when nothing changes, and null when it is not a JSON object (the user is typing):
 * then the editor is left alone.
 */
export function withAuthorization(
  headersText: string,
  token: string | null,
  replace: (existing: string) => boolean,
): string | null {
  let headers: Record<string, unknown>;
  if (headersText.trim() === '') {
    headers = {};
  } else {
    try {
      const parsed: unknown = JSON.parse(headersText);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      headers = parsed as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  const key = Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
  const existing = key === undefined ? undefined : String(headers[key]);
  const wanted = token === null ? undefined : `Bearer ${token}`;
  if (existing === wanted) return headersText;
  if (existing !== undefined && !replace(existing)) return headersText;

  const next: Record<string, unknown> = {};
  if (wanted !== undefined) next['Authorization'] = wanted;
  for (const [name, value] of Object.entries(headers)) if (name !== key) next[name] = value;
  return Object.keys(next).length === 0 ? '' : JSON.stringify(next, null, 2);
}
