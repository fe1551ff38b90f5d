import { expect, it } from 'vitest';
import { SCREENSHOT_DIR, signInThroughPopup } from './browser.js';
import { describeInBrowser, useBrowserHarness } from './browserHarness.js';

describeInBrowser('the playground in a real browser (offline)', () => {
  const harness = useBrowserHarness();

  it('signs in through the simulator form, runs the example query and shows data', async () => {
    const page = await harness.browser.newPage();
    const response = await page.goto(harness.stack.graphqlUrl);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Docs work before sign-in: the schema came from /playground/schema.
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page
      .locator('.graphiql-doc-explorer')
      .getByText('Query', { exact: true })
      .first()
      .click();
    await page.getByText('Every read the gateway offers', { exact: false }).first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/playground-signed-out.png` });

    await signInThroughPopup(
      page,
      () => page.getByRole('button', { name: 'Sign in' }).click(),
      'demo\\sam.supervisor',
      `${SCREENSHOT_DIR}/playground-sign-in-form.png`,
    );
    await expect
      .poll(() => page.getByTestId('signed-in-user').textContent())
      .toContain('Signed in as sam.supervisor');
    // The token is in GraphiQL's header editor, and only in page memory.
    await expect
      .poll(() => page.locator('.graphiql-editor-tool').innerText())
      .toMatch(/Bearer [0-9a-f-]{36}/);
    const stored = await page.evaluate(() => ({
      local: window.localStorage.length,
      session: window.sessionStorage.length,
      cookies: document.cookie,
    }));
    expect(stored).toEqual({ local: 0, session: 0, cookies: '' });

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    await expect
      .poll(() => result.innerText(), { timeout: 15_000 })
      .toContain('Chicago Contact Center');
    expect(await result.innerText()).toContain('SUPERVISOR');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/playground-query-result.png` });

    // Another example tab gets the token too, and its week of schedules comes back.
    await page.getByRole('tab', { name: 'WeekSchedules' }).click();
    await expect
      .poll(() => page.locator('.graphiql-query-editor').innerText())
      .toContain('query WeekSchedules');
    await expect
      .poll(() => page.locator('.graphiql-editor-tool').innerText())
      .toMatch(/Bearer [0-9a-f-]{36}/);
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('"SHIFT"');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect
      .poll(() => page.locator('.graphiql-editor-tool').innerText())
      .not.toContain('Bearer');

    expect(harness.browser.blocked).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  }, 45_000);
});
