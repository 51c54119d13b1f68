/**
 * The owner's time-driven trigger in the simulator's Owner panel (English; the panel has no German
 * texts): the owner adds `runSync` with the interval `setup` advises, moves the simulated clock on,
 * and the sync runs when its time comes, in the execution log and the trigger's last runs; the
 * trigger is kept in the stored state (a reload shows it) until the owner removes it. Axe clean.
 */
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { HostSnapshot } from '../../dev/runtime/host';
import {
  checkAccessibilityOf,
  clearScreenshots,
  screenshotElement,
  useSimulatorPage,
  waitForIdle,
} from './support';

const PANEL = '#owner-panel';
const MINUTE = 60_000;

function panel(page: Page): Locator {
  return page.locator(PANEL);
}

/** Clicks a button of the Owner panel and waits until the panel is no longer busy. */
async function press(page: Page, name: string): Promise<void> {
  await panel(page).getByRole('button', { name, exact: true }).click();
  await page.waitForFunction(
    (selector) => !document.querySelector(selector)?.hasAttribute('aria-busy'),
    PANEL,
  );
}

/** The simulated time the panel shows, in ms. */
async function shownClock(page: Page): Promise<number> {
  return Date.parse((await page.locator('#host-clock').getAttribute('datetime')) ?? '');
}

async function texts(list: Locator): Promise<string[]> {
  return (await list.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

beforeAll(() => clearScreenshots('owner-trigger-'));

describe('the owner’s time-driven trigger in the Owner panel', () => {
  const session = useSimulatorPage({ identity: 'owner', lang: 'en' });
  const runs = (): Locator => session.page.locator('#trigger-runs > li');
  const log = (): Locator => session.page.locator('#owner-log > li');

  it('offers runSync at the interval setup advises, with no trigger installed', async () => {
    const { page } = session;
    await page.waitForFunction(() => document.querySelectorAll('#trigger-minutes option').length > 0);
    await expect(page.locator('#trigger-none').isVisible()).resolves.toBe(true);
    await expect(page.locator('#trigger-table').isVisible()).resolves.toBe(false);
    await expect(page.locator('#trigger-function').textContent()).resolves.toBe('runSync');
    // The demo's Settings tab says syncMinutes 15, as setup's advice does.
    await expect(page.getByLabel('runSync every').inputValue()).resolves.toBe('15');
    await expect(page.locator('#trigger-minutes option').allTextContents()).resolves.toEqual([
      '1 minute',
      '5 minutes',
      '10 minutes',
      '15 minutes',
      '30 minutes',
    ]);
    expect(await checkAccessibilityOf(page, PANEL, 'owner-trigger none')).toEqual([]);
  });

  it('adds the trigger; it runs as the owner and is kept in the stored state', async () => {
    const { page, sim } = session;
    await press(page, 'Add trigger');
    await expect(page.locator('#trigger-table').isVisible()).resolves.toBe(true);
    const row = await texts(page.locator('#trigger-list tr'));
    expect(row).toHaveLength(1);
    expect(row[0]).toMatch(/^runSync 15 minutes owner@resellerconnect\.example \d{1,2} \w{3,4} \d{4}, /);
    await expect(page.locator('#trigger-runs-none').isVisible()).resolves.toBe(true);
    const stored = JSON.parse(fs.readFileSync(sim.stateFile, 'utf8')) as HostSnapshot;
    expect(stored.triggers?.triggers.map((t) => [t.functionName, t.everyMinutes, t.runAs.email])).toEqual([
      ['runSync', 15, 'owner@resellerconnect.example'],
    ]);
    await screenshotElement(page, PANEL, 'owner-trigger-01-added');
    expect(await checkAccessibilityOf(page, PANEL, 'owner-trigger added')).toEqual([]);
  });

  it('runs nothing while the clock has not reached the trigger’s time', async () => {
    const { page } = session;
    const before = await shownClock(page);
    const entries = await log().count();
    await press(page, '+1 min');
    expect((await shownClock(page)) - before).toBeGreaterThanOrEqual(MINUTE);
    await expect(log().count()).resolves.toBe(entries);
    await expect(runs().count()).resolves.toBe(0);
  });

  it('runs the sync when the clock passes its time: the execution log and the last runs show it', async () => {
    const { page, sim } = session;
    const before = await shownClock(page);
    await press(page, '+15 min');
    expect((await shownClock(page)) - before).toBeGreaterThanOrEqual(15 * MINUTE);
    const newest = (await texts(log()))[0] ?? '';
    expect(newest).toMatch(/runSync · time-driven trigger, every 15 minutes · ok · \d+ service calls/);
    const shownRuns = await texts(runs());
    expect(shownRuns).toHaveLength(1);
    expect(shownRuns[0]).toMatch(/runSync · ok · \d+\.\d ms$/);
    const [trigger] = sim.simulator.host.triggers.list();
    expect(trigger?.runs.map((run) => [run.ok, run.missedRuns])).toEqual([[true, 0]]);
    await screenshotElement(page, PANEL, 'owner-trigger-02-ran');
    expect(await checkAccessibilityOf(page, PANEL, 'owner-trigger ran')).toEqual([]);
  });

  it('still has the trigger and its run after a reload', async () => {
    const { page } = session;
    await page.reload();
    await waitForIdle(page);
    await page.waitForFunction(() => document.querySelectorAll('#trigger-runs > li').length === 1);
    await expect(texts(page.locator('#trigger-list tr'))).resolves.toHaveLength(1);
  });

  it('runs once for a jump of an hour, and not at all once removed', async () => {
    const { page, sim } = session;
    await press(page, '+1 h');
    await expect(runs().count()).resolves.toBe(2);
    expect((await texts(runs()))[0]).toMatch(/runSync · ok · .* · 3 earlier due runs not made$/);
    await press(page, 'Remove the trigger of runSync');
    await expect(page.locator('#trigger-none').isVisible()).resolves.toBe(true);
    await expect(page.locator('#trigger-add').evaluate((b) => b === document.activeElement)).resolves.toBe(
      true,
    );
    const entries = await log().count();
    await press(page, '+1 h');
    await expect(log().count()).resolves.toBe(entries);
    expect(sim.simulator.host.triggers.list()).toEqual([]);
    expect(await checkAccessibilityOf(page, PANEL, 'owner-trigger removed')).toEqual([]);
  });
});
