/**
 * How long a fresh page takes to show its first card (printed, not asserted: no timed
 * assertions), and the simulator's resilience as the page sees it: bad requests to /api/execute
 * get a JSON error, change nothing, and the page keeps working.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  expectNewCard,
  launchBrowser,
  openPage,
  startTestSimulator,
  storedStateText,
  type OpenedPage,
  type TestSimulator,
} from './support';

const FIRST_CARD_BUDGET_MS = 1000;

interface Answer {
  status?: number;
  body?: { error?: string };
  /** Set when the browser got no HTTP answer at all. */
  failure?: string;
}

/** POSTs `body` to /api/execute with the page's fetch. */
function postExecute(page: Page, body: string): Promise<Answer> {
  return page.evaluate(async (text) => {
    try {
      const response = await fetch('/api/execute', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: text,
      });
      return { status: response.status, body: (await response.json()) as { error?: string } };
    } catch (error) {
      return { failure: String(error) };
    }
  }, body);
}

const OVERSIZED = JSON.stringify({
  identityId: 'carla',
  functionName: 'onHomepage',
  kind: 'action',
  parameters: { x: 'y'.repeat(70_000) },
});

describe('the simulator page', () => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  it('shows the first card of a fresh page, and says how long that took', async () => {
    opened = await openPage(browser, sim.url, { identity: 'carla' });
    page = opened.page;
    const raw = await page.evaluate(() => document.body.dataset.firstCardMs);
    const ms = Number(raw);
    expect(raw).toBeDefined();
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBeGreaterThan(0);
    // Where the time went (informative only): the page's own requests, from the start of navigation.
    const requests = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .map(
          (entry) =>
            `${new URL(entry.name).pathname} ${Math.round(entry.startTime)}→${Math.round(entry.responseEnd)}`,
        )
        .join(', '),
    );
    console.log(
      `first card on screen: ${ms} ms (budget ${FIRST_CARD_BUDGET_MS} ms)\n  requests (ms): ${requests}`,
    );
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('status');
  });

  it('answers malformed JSON and an unknown function with JSON errors, changes nothing, keeps working', async () => {
    const before = await storedStateText(page, 'carla');

    const malformed = await postExecute(page, '{"identityId": ');
    expect(malformed).toEqual({ status: 400, body: { error: 'The request body is not valid JSON.' } });

    const unknown = await postExecute(
      page,
      JSON.stringify({ identityId: 'carla', functionName: 'onNothing', kind: 'action' }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body?.error).toContain('Script function not found: onNothing');

    const notAName = await postExecute(
      page,
      JSON.stringify({ identityId: 'carla', functionName: 'x; drop()', kind: 'action' }),
    );
    expect(notAName).toEqual({ status: 400, body: { error: '"x; drop()" is not a function name.' } });

    // Over 64 KB: refused, with an answer the page can read.
    const oversized = await postExecute(page, OVERSIZED);
    expect(oversized.failure).toBeUndefined();
    expect(oversized.status).toBe(413);
    expect(oversized.body?.error).toBe('The request is larger than 64 KB.');

    expect(await storedStateText(page, 'carla')).toBe(before);

    // The page still works: Refresh re-runs the homepage and renders a new card.
    await expectNewCard(page, 'status', () => page.locator('#refresh').click());
    expect(await cardText(page)).toContain('acme-logistik.de');
    await expect(page.locator('#toast').getAttribute('class')).resolves.not.toContain('toast-error');
    expect(opened.errors).toEqual([]);
  });
  it('shows a failed build on the page while the last good bundle keeps answering', async () => {
    sim.simulator.reloadBundle('src/ui/flow.ts(12,3): error TS2304: Cannot find name "oops".');
    try {
      await expectNewCard(page, 'status', () => page.locator('#refresh').click());
      const banner = page.locator('#build-banner');
      await banner.waitFor({ state: 'visible' });
      expect(await banner.textContent()).toContain('The add-on bundle failed to build');
      expect(await banner.textContent()).toContain('Cannot find name "oops"');
      expect(sim.logs.join('\n')).toContain('failed to build');
    } finally {
      sim.simulator.reloadBundle();
    }
    await expectNewCard(page, 'status', () => page.locator('#refresh').click());
    await page.locator('#build-banner').waitFor({ state: 'hidden' });
  });
});
