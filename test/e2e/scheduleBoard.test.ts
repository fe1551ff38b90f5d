import { expect, it } from 'vitest';
import { SCREENSHOT_DIR, signInThroughPopup } from './browser.js';
import { describeInBrowser, useBrowserHarness } from './browserHarness.js';

describeInBrowser('the schedule board example in a real browser (offline)', () => {
  const harness = useBrowserHarness();

  it('signs in, picks a site and a week, draws the timeline, and shows RATE_LIMITED with a countdown', async () => {
    const page = await harness.browser.newPage();
    await page.goto(harness.stack.boardUrl);
    await signInThroughPopup(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    await expect.poll(() => page.getByTestId('board-user').textContent()).toContain('SUPERVISOR');

    await page.getByLabel('Site').selectOption('1');
    // The week of Monday 2026-03-02 (always seeded); Sunday 8 March is Chicago's DST change.
    await page.getByLabel('Date in the week').fill('2026-03-04');
    const timeline = page.getByTestId('timeline');
    await timeline.locator('.bar[data-type=SHIFT]').first().waitFor({ timeout: 15_000 });
    const types = await timeline
      .locator('.bar')
      .evaluateAll((bars) => [...new Set(bars.map((b) => b.getAttribute('data-type')))]);
    expect(types).toEqual(expect.arrayContaining(['SHIFT', 'BREAK', 'MEAL']));
    expect(await timeline.locator('.timeline-row[data-agent]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.day.active').textContent()).toContain('Wed 4 Mar');
    await expect.poll(() => page.locator('.days').textContent()).toContain('clocks change');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/schedule-board.png`, fullPage: true });

    // WFM SOAP starts answering 429: the board says so and counts down Retry-After.
    const fault = harness.stack.sim.faults.add({
      service: 'wfm-soap',
      kind: 'rateLimit',
      retryAfterSec: 30,
    });
    await page.getByRole('button', { name: 'Week ▶' }).click();
    const banner = page.locator('[data-code=RATE_LIMITED]');
    await banner.waitFor({ timeout: 15_000 });
    const countdown = Number(await page.getByTestId('retry-countdown').textContent());
    expect(countdown).toBeGreaterThan(20);
    expect(countdown).toBeLessThanOrEqual(30);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/schedule-board-rate-limited.png` });
    harness.stack.sim.faults.remove(fault);

    expect(harness.browser.blocked).toEqual([]);
    expect(harness.browser.pageErrors.filter((e) => !e.includes('status of 429'))).toEqual([]);
  }, 45_000);

  it('shows FORBIDDEN plainly to a user not provisioned in WFM', async () => {
    const page = await harness.browser.newPage();
    await page.goto(harness.stack.boardUrl);
    await signInThroughPopup(
      page,
      () => page.getByRole('button', { name: 'Sign in' }).click(),
      'demo\\nina.noprov',
    );
    const banner = page.locator('[data-code=FORBIDDEN]');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain('WFM_NOT_PROVISIONED');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/schedule-board-forbidden.png` });
    expect(harness.browser.blocked).toEqual([]);
  }, 30_000);
});
