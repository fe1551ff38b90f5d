import { afterAll, beforeAll, describe } from 'vitest';
import { browserAvailability, launchOfflineBrowser, type OfflineBrowser } from './browser.js';
import { startDemoStack, type DemoStack } from './demoStack.js';

/**
 * `describe` for browser suites: runs where Chromium is installed, and always in CI (where a
 * missing one fails).
 */
export const describeInBrowser = describe.runIf(browserAvailability().run);

/** The demo stack and an offline browser shared by one suite's tests. */
export interface BrowserHarness {
  readonly stack: DemoStack;
  readonly browser: OfflineBrowser;
}

/**
 * Starts the demo stack and an offline Chromium before the calling suite's tests, and closes both
 * after them. Call it at the top of a `describe` body; read the fields inside tests.
 */
export function useBrowserHarness(): BrowserHarness {
  let stack: DemoStack | undefined;
  let browser: OfflineBrowser | undefined;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startDemoStack(), launchOfflineBrowser()]);
  }, 45_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  return {
    get stack(): DemoStack {
      if (!stack) throw new Error('useBrowserHarness: the demo stack is read before beforeAll ran');
      return stack;
    },
    get browser(): OfflineBrowser {
      if (!browser) throw new Error('useBrowserHarness: the browser is read before beforeAll ran');
      return browser;
    },
  };
}
