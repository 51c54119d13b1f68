/**
 * Two colleagues of one organisation confirm different resellers at the same moment, each in their
 * own browser context: exactly one choice is saved, the other person is told a colleague was first
 * and on which day, and both end on the same answer.
 */
import type { Browser } from 'playwright-core';
import { formatDate } from '../../src/ui/i18n';
import {
  cardText,
  demoResellerId,
  expectNewCard,
  launchBrowser,
  nextToast,
  openPage,
  reachConfirmCard,
  recordNames,
  screenshotSidebar,
  scriptPanelKeys,
  startTestSimulator,
  storedStateText,
  t,
  clearScreenshots,
  type OpenedPage,
  type StoreView,
  type TestSimulator,
} from './support';

// jest.config.cjs sets testTimeout per project, which Jest 30 ignores (it reads only the global one).

const DOMAIN = 'kunde-gmbh.de';

/** Anna's and Ben's time zone (dev/simulator/identities.ts): the day a record shows is the day there. */
const TIME_ZONE = 'Europe/Berlin';

describe('two colleagues confirming at the same moment', () => {
  let browser: Browser;
  let sim: TestSimulator;
  let anna: OpenedPage;
  let ben: OpenedPage;

  beforeAll(async () => {
    clearScreenshots('race-');
    [browser, sim] = await Promise.all([launchBrowser(), startTestSimulator()]);
    [anna, ben] = await Promise.all([
      openPage(browser, sim.url, { identity: 'anna', lang: 'en' }),
      openPage(browser, sim.url, { identity: 'ben', lang: 'en' }),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  it('saves exactly one choice and tells the other person a colleague was first', async () => {
    const [annaChoice, benChoice] = await Promise.all([
      reachConfirmCard(anna.page, 'en', 'müller', 0),
      reachConfirmCard(ben.page, 'en', 'schäfer', 0),
    ]);
    expect(annaChoice).not.toBe(benChoice);
    expect(await cardText(anna.page)).toContain(annaChoice);
    expect(await cardText(ben.page)).toContain(benChoice);

    const share = t('en', 'confirm.share');
    const before = Date.now();
    await Promise.all([
      expectNewCard(anna.page, 'status', () => anna.page.getByRole('button', { name: share }).click()),
      expectNewCard(ben.page, 'status', () => ben.page.getByRole('button', { name: share }).click()),
    ]);
    const [annaToast, benToast] = await Promise.all([nextToast(anna.page), nextToast(ben.page)]);
    // The simulator's clock is the real one: the winner's record is dated today (either side of a
    // midnight that passed while the two confirmed).
    const days = [...new Set([before, Date.now()].map((ms) => formatDate('en', ms, { id: TIME_ZONE })))];
    await screenshotSidebar(anna.page, 'race-anna');
    await screenshotSidebar(ben.page, 'race-ben');

    const annaWon = annaToast === t('en', 'notice.saved', { domain: DOMAIN, reseller: annaChoice });
    const winner = annaWon ? annaChoice : benChoice;
    const [winnerToast, loserToast] = annaWon ? [annaToast, benToast] : [benToast, annaToast];
    expect(winnerToast).toBe(t('en', 'notice.saved', { domain: DOMAIN, reseller: winner }));
    // The loser is told when the colleague linked it ("… on 1 Dec 2026 …"), not "a moment ago".
    expect(
      days.map((date) => t('en', 'notice.alreadyBound', { domain: DOMAIN, reseller: winner, date })),
    ).toContain(loserToast);
    expect(loserToast).toMatch(/ on \d{1,2} [A-Z][a-z]{2} \d{4},/);
    const saved = [annaToast, benToast].filter((text) => text.startsWith('Saved:'));
    expect(saved).toHaveLength(1);

    // Both end on a status card naming the winner; the loser's is "set by a colleague".
    const loserChoice = annaWon ? benChoice : annaChoice;
    const [winnerPage, loserPage] = annaWon ? [anna.page, ben.page] : [ben.page, anna.page];
    const winnerCard = await cardText(winnerPage);
    const loserCard = await cardText(loserPage);
    for (const card of [winnerCard, loserCard]) {
      expect(card).toContain(t('en', 'status.resellerIntro', { domain: DOMAIN }));
      expect(card).toContain(winner);
      expect(card).not.toContain(loserChoice);
    }
    expect(winnerCard).toContain(t('en', 'status.setBy.you'));
    expect(loserCard).toContain(t('en', 'status.setBy.colleague'));
    // The day in the notice is the day the loser's status card shows for the record.
    const noticeDay = days.find((date) => loserToast.includes(` on ${date},`)) ?? '';
    expect(loserCard).toContain(t('en', 'status.since', { date: noticeDay }));

    // Exactly one record for the domain, holding the winner, in the panel and on the server.
    for (const page of [anna.page, ben.page]) {
      const keys = await scriptPanelKeys(page, sim.url);
      expect(keys.filter((key) => key === `d:${DOMAIN}`)).toHaveLength(1);
    }
    const state = JSON.parse(await storedStateText(anna.page, 'anna')) as StoreView;
    const records = state.script.entries.filter((entry) => entry.key === `d:${DOMAIN}`);
    expect(records).toHaveLength(1);
    // The record names the reseller by id.
    expect(recordNames(records[0]?.value ?? '', demoResellerId(winner))).toBe(true);
    expect(recordNames(records[0]?.value ?? '', demoResellerId(loserChoice))).toBe(false);

    expect(anna.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
  });
});
