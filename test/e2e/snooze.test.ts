/**
 * "Ask me later" and "Answer now", in English and in German: the snooze holds across a refresh
 * (the homepage trigger runs again), and "Answer now" lifts it, so that the next refresh asks the
 * question again. A screenshot of the sidebar and an axe-core check at every step.
 */
import type { Browser, Page } from 'playwright-core';
import {
  cardText,
  checkAccessibility,
  clearScreenshots,
  expectNewCard,
  launchBrowser,
  openPage,
  screenshotSidebar,
  startTestSimulator,
  storedStateText,
  t,
  textPattern,
  type Lang,
  type OpenedPage,
  type StoreView,
  type TestSimulator,
} from './support';

// jest.config.cjs sets testTimeout per project, which Jest 30 ignores (it reads only the global one).

const DOMAIN = 'kunde-gmbh.de';

describe.each<Lang>(['en', 'de'])('asking later and answering now (%s)', (lang) => {
  let browser: Browser;
  let sim: TestSimulator;
  let opened: OpenedPage;
  let page: Page;
  let step = 0;

  async function record(name: string): Promise<void> {
    step++;
    const label = `snooze-${lang}-${String(step).padStart(2, '0')}-${name}`;
    await screenshotSidebar(page, label);
    await checkAccessibility(page, label);
  }

  /** Anna's own User Properties, as the server stores them. */
  async function annaUserKeys(): Promise<string[]> {
    const state = JSON.parse(await storedStateText(page, 'anna')) as StoreView;
    return state.user.entries.map((entry) => entry.key);
  }

  /** Refresh: the homepage trigger runs again, as when Gmail reopens the add-on. */
  function refresh(card: string): Promise<void> {
    return expectNewCard(page, card, () => page.locator('#refresh').click());
  }

  beforeAll(async () => {
    clearScreenshots(`snooze-${lang}-`);
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    opened = await openPage(browser, sim.url, { identity: 'anna', lang });
    page = opened.page;
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  afterEach(() => {
    expect(opened?.errors).toEqual([]);
  });

  it('snoozes the question with "Ask me later"', async () => {
    await expect(page.locator('#sidebar-body').getAttribute('data-card')).resolves.toBe('question');
    expect(await annaUserKeys()).toEqual([]);
    await expectNewCard(page, 'later', () =>
      page.getByRole('button', { name: t(lang, 'question.later') }).click(),
    );
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'later.title'));
    expect(text).toMatch(textPattern(lang, 'later.text'));
    expect(await annaUserKeys()).toHaveLength(1);
    await record('later');
  });

  it('keeps the snooze when the add-on is opened again', async () => {
    await refresh('later');
    expect(await cardText(page)).toContain(t(lang, 'later.title'));
    await record('later-refreshed');
  });

  it('shows the question with "Answer now"', async () => {
    await expectNewCard(page, 'question', () =>
      page.getByRole('button', { name: t(lang, 'later.answerNow') }).click(),
    );
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'question.title'));
    expect(text).toContain(t(lang, 'question.text', { domain: DOMAIN }));
    await record('answer-now');
  });

  it('has lifted the snooze: opened again, the add-on asks the question, and nothing of the snooze is stored', async () => {
    await refresh('question');
    const text = await cardText(page);
    expect(text).toContain(t(lang, 'question.title'));
    expect(text).not.toContain(t(lang, 'later.title'));
    await expect(page.getByRole('button', { name: t(lang, 'question.hasReseller') }).count()).resolves.toBe(
      1,
    );
    expect(await annaUserKeys()).toEqual([]);
    // The page's User Properties panel follows (it refreshes after every execution).
    await page.waitForFunction(() => document.querySelectorAll('#user-props tr').length === 0, undefined, {
      timeout: 15_000,
    });
    await record('question-refreshed');
  });
});
