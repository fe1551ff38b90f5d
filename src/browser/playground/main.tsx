/**
 * Entry of the playground bundle (`npm run build:playground` → dist/playground/playground.js and
 * playground.css). Everything it loads comes from this origin: the configuration, the schema and
 * GraphQL; GraphiQL's styles and fonts are in the bundle.
 */
import 'graphiql/style.css';
import './playground.css';
import type { IntrospectionQuery } from 'graphql';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import type { PlaygroundClientConfig } from './clientConfig.js';

async function start(root: HTMLElement): Promise<void> {
  const config = (await getJson('/playground/config')) as PlaygroundClientConfig;
  const schema = config.schemaPath
    ? ((await getJson(config.schemaPath).catch(() => null)) as { data?: IntrospectionQuery } | null)
    : null;
  root.classList.remove('playground-loading');
  root.textContent = '';
  createRoot(root).render(<App config={config} schema={schema?.data ?? null} />);
}

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

const root = document.getElementById('playground');
if (root) {
  start(root).catch((error: unknown) => {
    root.textContent = `The playground could not start: ${String(error)}`;
  });
}
