/**
 * The owner's side of the simulator in Chromium: the Owner panel runs `setup`, `syncNow` and the
 * trigger as the owner and shows their execution log; the Backing Sheet panel shows the Sheet as
 * support sees it and takes support's edits as Sheets does. A reseller renamed in the Sheet reaches
 * the customers' typeahead after "Sync now"; a status off the drop-down's list is refused beside the
 * cell. The demo data comes with a filled Sheet; without one the panel says to run setup first.
 */
import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { KEYS } from '../../src/store/keys';
import {
  cardText,
  checkAccessibilityOf,
  clearScreenshots,
  combobox,
  expectNewCard,
  launchBrowser,
  openPage,
  screenshotElement,
  startTestSimulator,
  suggestionOptions,
  t,
  typeAndWaitForSuggestions,
  waitForIdle,
  type OpenedPage,
  type TestSimulator,
} from './support';

const NEW_NAME = 'Bergmann Cloud Partner GmbH';
/** Row 2 of the Resellers tab: the demo's first reseller. */
const OLD_NAME = 'Müller IT GmbH';
const OLD_LABEL = 'Müller IT GmbH — mueller-it.de (Germany)';
const NEW_LABEL = `${NEW_NAME} — mueller-it.de (Germany)`;
const TABS = ['Resellers', 'Assignments', 'Requests', 'Audit', 'Settings'];

/** Reads `read` until `ok` holds (the page redraws after its requests answer); returns the last value. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline)
      throw new Error(`Waited 15 s for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describe('the Owner and Backing Sheet panels in the browser', () => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;
  let step = 0;

  /** Screenshot and axe check of both owner-side panels; they must be free of every violation. */
  async function record(name: string): Promise<void> {
    step++;
    const label = `sheet-${String(step).padStart(2, '0')}-${name}`;
    await screenshotElement(page, '#sheet-panel', label);
    for (const panel of ['#owner-panel', '#sheet-panel']) {
      const violations = await checkAccessibilityOf(page, panel, `${label} ${panel}`);
      expect(violations.map((v) => `${v.id}: ${v.targets.join(', ')}`)).toEqual([]);
    }
  }

  /** A cell of the tab on screen, by its A1 name (row 1 is the header row). */
  function cell(a1: string): Locator {
    const match = /^([A-Z])(\d+)$/.exec(a1);
    if (!match) throw new Error(`${a1} is not a cell of columns A-Z`);
    const column = (match[1] as string).charCodeAt(0) - 65;
    const row = Number(match[2]) - 1;
    return page.locator(`#sheet-tabpanel td[data-row="${row}"][data-column="${column}"]`);
  }

  /** What a cell shows, without the note read out to screen readers. */
  function shown(a1: string): Promise<string> {
    return visibleText(cell(a1));
  }

  /** An element's text without what only screen readers get (column names, notes). */
  async function visibleText(element: Locator): Promise<string> {
    return element.evaluate((td) => {
      const copy = td.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
      return (copy.textContent ?? '').trim();
    });
  }

  async function waitForCellText(a1: string, text: string): Promise<void> {
    await eventually(
      () => shown(a1).catch(() => ''),
      (value) => value === text,
      `${a1} to show "${text}"`,
    );
  }

  /** Clicks an Owner panel button and returns the new log entry's text, once it is there. */
  async function runOwner(button: string): Promise<string> {
    const entries = page.locator('#owner-log > li');
    const before = await entries.count();
    await page.locator('#owner-panel').getByRole('button', { name: button, exact: true }).click();
    await eventually(
      () => entries.count(),
      (count) => count === Math.min(before + 1, 20),
      `a log entry of "${button}"`,
    );
    await page.waitForFunction(() => !document.querySelector('#owner-panel')?.hasAttribute('aria-busy'));
    return (await entries.first().innerText()).replace(/\s+/g, ' ');
  }

  function sheetId(): string {
    const id = sim.simulator.host.scriptProperties.get(KEYS.sheetId);
    if (id === null) throw new Error('No backing Sheet');
    return id;
  }

  beforeAll(async () => {
    clearScreenshots('sheet-');
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'support', lang: 'en' });
    page = opened.page;
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(() => {
    expect(opened?.errors).toEqual([]);
  });

  it('shows the demo data’s Sheet, filled by the seeding sync', async () => {
    await waitForCellText('B2', OLD_NAME);
    await expect(page.getByRole('tab', { selected: true }).textContent()).resolves.toBe('Resellers');
    await expect(page.getByRole('tab').allTextContents()).resolves.toEqual(TABS);
    await expect(page.getByRole('button', { name: 'Run setup', exact: true }).isVisible()).resolves.toBe(
      true,
    );
  });

  it('runs setup as the owner and shows what it logged', async () => {
    const entry = await runOwner('Run setup');
    expect(entry).toContain('setup · ok');
    expect(entry).toContain('The backing Sheet is complete: https://docs.google.com/spreadsheets/d/');
    expect(entry).toContain('function runSync, time-driven, every 15 minutes');
    await expect(page.getByRole('tab').allTextContents()).resolves.toEqual(TABS);
    await waitForCellText('B1', 'Name');
    await record('setup');
  });

  it('shows the Resellers tab as Sheets does: letters, row numbers, bold header, notes, Sync status', async () => {
    const grid = page.getByRole('grid', { name: 'Resellers tab' });
    await expect(visibleText(grid.locator('thead th').first())).resolves.toBe('A');
    await expect(grid.locator('thead th').first().textContent()).resolves.toBe('A: Id');
    await expect(visibleText(grid.locator('tbody th').first())).resolves.toBe('1');
    const weight = await cell('B1').evaluate((td) => Number(getComputedStyle(td).fontWeight));
    expect(weight).toBeGreaterThanOrEqual(700);
    const note = sim.simulator.host.sheets.cell(sheetId(), 'Resellers', 'B1').note;
    expect(note).toBeTruthy();
    await expect(cell('B1').getAttribute('title')).resolves.toBe(note);
    await expect(shown('B1')).resolves.toBe('Name');
    // The note is read out with the cell, not only shown on hover.
    await expect(cell('B1').textContent()).resolves.toContain(note ?? '');
    await expect(shown('I1')).resolves.toBe('Sync status');
    const look = (a1: string): Promise<string> =>
      cell(a1).evaluate((td) => `${getComputedStyle(td).backgroundColor} ${getComputedStyle(td).fontStyle}`);
    await expect(look('I2')).resolves.not.toBe(await look('H2'));
  });

  it('edits a reseller’s name with the keyboard, as support does in Sheets', async () => {
    await cell('A2').click(); // a click opens the editor, as a double click does in Sheets
    await expect(cell('A2').locator('input').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(cell('A2').locator('input').count()).resolves.toBe(0);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-column'))).resolves.toBe('0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const editor = page.getByRole('textbox', { name: 'Resellers B2, Name' });
    await expect(editor.inputValue()).resolves.toBe(OLD_NAME);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(NEW_NAME, { delay: 10 });
    await page.keyboard.press('Enter');
    await waitForCellText('B2', NEW_NAME);
    // Enter moves down, as in Sheets.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-row'))).resolves.toBe('2');
    expect(sim.simulator.host.sheets.cell(sheetId(), 'Resellers', 'B2').formatted).toBe(NEW_NAME);
    expect(fs.readFileSync(sim.stateFile, 'utf8')).toContain(NEW_NAME);
    await record('name-edited');
  });

  it('syncs with "Sync now": the row’s Sync status says OK', async () => {
    const entry = await runOwner('Sync now');
    expect(entry).toContain('syncNow · ok');
    expect(entry).toMatch(/Synced 0 changes; \d+ resellers in the directory; 0 rows not applied/);
    await waitForCellText('I2', 'OK');
    await record('synced');
  });

  it('shows the new name in the customers’ typeahead, and the old one no more', async () => {
    await expectNewCard(page, 'question', () => page.selectOption('#identity', 'anna'));
    await expectNewCard(page, 'search', () =>
      page.getByRole('button', { name: t('en', 'question.hasReseller') }).click(),
    );
    await combobox(page).click();
    expect(await typeAndWaitForSuggestions(page, 'Bergmann Cloud')).toContain(NEW_LABEL);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    const labels = await typeAndWaitForSuggestions(page, 'Müller IT');
    expect(labels).not.toContain(OLD_LABEL);
    expect(labels).toContain(NEW_LABEL); // still found by its domain, mueller-it.de
    await expectNewCard(page, 'confirm', () =>
      suggestionOptions(page).filter({ hasText: NEW_LABEL }).click(),
    );
    expect(await cardText(page)).toContain(NEW_NAME);
  });

  it('shows Sheets’ refusal beside the cell for a status not in the drop-down’s list', async () => {
    await cell('G2').click();
    // A text box with the drop-down's values as suggestions (a combobox), as Sheets offers them.
    const editor = page.getByRole('combobox', { name: 'Resellers G2, Status' });
    await expect(
      editor.evaluate((input: HTMLInputElement) =>
        Array.from(input.list?.querySelectorAll('option') ?? []).map((option) => option.value),
      ),
    ).resolves.toContain('suspended');
    await expect(editor.inputValue()).resolves.toBe('approved');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('approved maybe', { delay: 10 });
    await page.keyboard.press('Enter');
    const error = cell('G2').getByRole('alert');
    await eventually(
      () => error.textContent({ timeout: 1000 }).catch(() => ''),
      (text) => (text ?? '').includes('violates the data validation rules'),
      'the refusal beside G2',
    );
    await expect(editor.getAttribute('aria-invalid')).resolves.toBe('true');
    // Enter moved on at once, as in Sheets; the refusal brings the keyboard back to the cell.
    await expect(editor.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    await expect(editor.getAttribute('aria-describedby')).resolves.toBe(await error.getAttribute('id'));
    await expect(editor.inputValue()).resolves.toBe('approved maybe'); // kept, to correct or cancel
    expect(sim.simulator.host.sheets.cell(sheetId(), 'Resellers', 'G2').formatted).toBe('approved');
    await record('status-refused');
    await page.keyboard.press('Escape');
    await waitForCellText('G2', 'approved');
    await expect(cell('G2').getByRole('alert').count()).resolves.toBe(0);
  });

  it('runs the trigger, and first moves the clock on by 15 minutes', async () => {
    const clock = async (): Promise<number> =>
      ((await (await fetch(`${sim.url}/api/clock`)).json()) as { clock: number }).clock;
    const before = await clock();
    const advanced = await runOwner('Advance the clock 15 minutes and run the trigger');
    expect(advanced).toContain('runSync · ok');
    // Nothing waits for the Sheet and it was read minutes ago: an idle run logs nothing.
    expect(advanced).toContain('(nothing logged)');
    expect((await clock()) - before).toBeGreaterThanOrEqual(15 * 60 * 1000);
    const shownTime = await page.locator('#host-clock').getAttribute('datetime');
    expect(Date.parse(shownTime ?? '') - before).toBeGreaterThanOrEqual(15 * 60 * 1000 - 1000);
    await expect(runOwner('Run the trigger (runSync)')).resolves.toContain('runSync · ok');
  });

  it('says "Run setup first" without a backing Sheet; setup creates one', async () => {
    const host = sim.simulator.host;
    const snapshot = host.snapshot();
    delete snapshot.scriptProperties[KEYS.sheetId];
    host.restore({ ...snapshot, sheets: undefined });
    await page.reload();
    await waitForIdle(page);
    await eventually(
      () => page.locator('#sheet-info').textContent(),
      (text) => (text ?? '').includes('Run setup first'),
      'the Sheet panel to say "Run setup first"',
    );
    await expect(page.getByRole('tablist').count()).resolves.toBe(0); // hidden
    await record('no-sheet');
    const entry = await runOwner('Run setup');
    expect(entry).toContain('Created the backing Sheet: https://docs.google.com/spreadsheets/d/');
    await waitForCellText('A1', 'Id');
    await expect(page.getByRole('tab').allTextContents()).resolves.toEqual(TABS);
    await record('created');
  });
});
