/**
 * The playground's HTML. Each page loads its script and styles from `assetsPath` on this origin
 * (the esbuild output of src/browser/playground/); nothing inline runs, so the pages' CSP can forbid
 * inline scripts, and nothing names another host.
 */

const HEAD = `<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">`;

/** `GET /graphql` for a browser: GraphiQL with sign-in, rendered by `playground.js`. */
export function playgroundPage(assetsPath: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head>${HEAD}
<title>Playground · Genesys GraphQL gateway</title>
<link rel="stylesheet" href="${assetsPath}playground.css">
</head>
<body>
<div id="playground" class="playground-loading">Loading the playground…</div>
<noscript>The playground needs JavaScript. GraphQL itself answers POST requests at this URL.</noscript>
<script type="module" src="${assetsPath}playground.js"></script>
</body></html>
`;
}

/**
 * The OAuth redirect target (`/playground/callback?code=…&state=…`): `callback.js` hands the code
 * to the window that opened the sign-in popup and closes the popup. It never exchanges the code.
 */
export function callbackPage(assetsPath: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head>${HEAD}
<title>Signing in… · Genesys GraphQL gateway</title>
</head>
<body style="font-family:system-ui,sans-serif;margin:2rem">
<p id="status">Finishing sign-in…</p>
<script type="module" src="${assetsPath}callback.js"></script>
</body></html>
`;
}

/** Shown instead of the playground when `npm run build:playground` has not run. */
export function notBuiltPage(): string {
  return `<!DOCTYPE html>
<html lang="en"><head>${HEAD}
<title>Playground not built · Genesys GraphQL gateway</title>
</head>
<body style="font-family:system-ui,sans-serif;margin:2rem;max-width:40rem">
<h1>The playground is not built</h1>
<p>Run <code>npm run build:playground</code> (<code>npm start</code> and <code>npm test</code> do it
for you), then reload. GraphQL itself answers POST requests at this URL.</p>
</body></html>
`;
}
