import { escapeHtml } from '../http/responses.js';

/** The authorize parameters the sign-in form carries through its POST. */
export const CARRIED_PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
  'hideTenant',
] as const;

const STYLE =
  'body{font-family:system-ui,sans-serif;background:#f3f5f8;margin:0}' +
  'main{max-width:360px;margin:10vh auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 2px 12px #0002}' +
  'h1{font-size:20px;margin:0 0 4px}p.sub{color:#555;margin:0 0 20px;font-size:14px}' +
  'label{display:block;font-size:14px;margin:12px 0 4px}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;font-size:15px}' +
  'button{margin-top:20px;width:100%;padding:10px;font-size:15px;background:#ff4f1f;color:#fff;border:0;border-radius:4px;cursor:pointer}' +
  '.error{background:#fde8e8;color:#9b1c1c;padding:8px;border-radius:4px;font-size:14px}' +
  '.hint{color:#666;font-size:12px;margin-top:20px}';

/**
 * The HTML sign-in form of `GET /auth/v3/oauth/authorize`. It posts the user's credentials back
 * to the same URL together with the original authorize parameters.
 */
export function signInPage(params: URLSearchParams, actionPath: string, error?: string): string {
  const hideTenant = params.get('hideTenant') === 'true';
  const hidden = CARRIED_PARAMS.filter((name) => params.get(name) !== null)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name)!)}">`)
    .join('\n');
  const userLabel = hideTenant ? 'User name' : 'User name (tenant\\user)';
  const placeholder = hideTenant ? 'sam.supervisor' : 'demo\\sam.supervisor';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Genesys Authentication (simulator)</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><main>
<h1>Sign in</h1><p class="sub">Genesys Authentication API v3 — simulator</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(actionPath)}">
${hidden}
${hideTenant ? '<input type="hidden" name="tenant" value="demo">' : ''}
<label for="username">${escapeHtml(userLabel)}</label>
<input type="text" id="username" name="username" autocomplete="username" placeholder="${escapeHtml(placeholder)}" required autofocus>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p class="hint">Demo users: demo\\sam.supervisor, demo\\pat.supervisor, demo\\alex.agent, demo\\nina.noprov, demo\\agent001… — password demo-password.</p>
</main></body></html>`;
}

/** The error page shown when the client or redirect URI cannot be trusted (never a redirect). */
export function authorizeErrorPage(title: string, detail: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(detail)}</p></main></body></html>`;
}
