import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`, done by .ci/run); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = 'test-results/screenshots';

/**
 * Whether the browser suites run: they skip, with a message, only where Chromium is missing
 * outside CI; in CI (CI set) a missing Chromium fails them instead.
 */
export function browserAvailability(): { run: boolean; missing: boolean } {
  const missing = !existsSync(CHROMIUM_PATH);
  if (missing && !process.env['CI']) {
    console.warn(
      `Skipping the browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH). In CI they fail instead.`,
    );
  }
  return { run: !missing || Boolean(process.env['CI']), missing };
}

/** A headless Chromium whose pages can reach loopback only, and the requests it refused. */
export interface OfflineBrowser {
  context: BrowserContext;
  /** URLs of every request to a host other than 127.0.0.1/localhost (all refused). */
  blocked: string[];
  /** Page errors and console errors, to assert a clean run. */
  pageErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium with a throw-away profile. Every request of every page (popups included) to a
 * host other than loopback is aborted and recorded, so a passing test proves the pages work
 * offline.
 */
export async function launchOfflineBrowser(): Promise<OfflineBrowser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is required for the browser tests in CI: none at ${CHROMIUM_PATH}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'gw-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
    timeout: 30_000,
  });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const local =
      ['http:', 'https:', 'ws:'].includes(url.protocol) &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (local || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.toString());
    return route.abort('blockedbyclient');
  });
  const watch = (page: Page): void => {
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${page.url()}: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    blocked,
    pageErrors,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the simulator's form in the popup that `click` opens. */
export async function signInThroughPopup(
  page: Page,
  click: () => Promise<void>,
  user = 'demo\\sam.supervisor',
  screenshotPath?: string,
): Promise<void> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), click()]);
  await popup.waitForURL(/\/auth\/v3\/oauth\/authorize/);
  await popup.fill('#username', user);
  await popup.fill('#password', 'demo-password');
  if (screenshotPath) await popup.screenshot({ path: screenshotPath });
  await Promise.all([popup.waitForEvent('close'), popup.click('button[type=submit]')]);
}
