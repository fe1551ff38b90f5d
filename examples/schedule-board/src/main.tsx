/**
 * Entry of the schedule board bundle (`npm run build:example` → dist/examples/schedule-board/).
 * The board runs on the gateway's origin and learns how to sign in from `/playground/config`.
 */
import './board.css';
import { createRoot } from 'react-dom/client';
import type { PlaygroundClientConfig } from '../../../src/browser/playground/clientConfig.js';
import { App } from './App.js';

async function start(root: HTMLElement): Promise<void> {
  const response = await fetch('/playground/config', { headers: { accept: 'application/json' } });
  if (!response.ok) {
    root.textContent =
      'The gateway does not offer sign-in here (is PLAYGROUND_ENABLED off?). Start it with `npm run example`.';
    return;
  }
  const config = (await response.json()) as PlaygroundClientConfig;
  createRoot(root).render(<App config={config} />);
}

const root = document.getElementById('board');
if (root) {
  start(root).catch((error: unknown) => {
    root.textContent = `The board could not start: ${String(error)}`;
  });
}
