/**
 * Two colleagues of one organisation confirm different resellers at the same moment, each in their
 * own browser context: exactly one choice is saved, the other person is told a colleague was first,
 * and both end on the same answer.
 */
import type { Browser } from 'playwright-core';
import {
  cardText,
  expectNewCard,
  launchBrowser,
  nextToast,
  openPage,
  reachConfirmCard,
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
    await Promise.all([
      expectNewCard(anna.page, 'status', () => anna.page.getByRole('button', { name: share }).click()),
      expectNewCard(ben.page, 'status', () => ben.page.getByRole('button', { name: share }).click()),
    ]);
    const [annaToast, benToast] = await Promise.all([nextToast(anna.page), nextToast(ben.page)]);
    await screenshotSidebar(anna.page, 'race-anna');
    await screenshotSidebar(ben.page, 'race-ben');

    const annaWon = annaToast === t('en', 'notice.saved', { domain: DOMAIN, reseller: annaChoice });
    const winner = annaWon ? annaChoice : benChoice;
    const [winnerToast, loserToast] = annaWon ? [annaToast, benToast] : [benToast, annaToast];
    expect(winnerToast).toBe(t('en', 'notice.saved', { domain: DOMAIN, reseller: winner }));
    expect(loserToast).toBe(t('en', 'notice.alreadyBound', { domain: DOMAIN, reseller: winner }));
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

    // Exactly one record for the domain, holding the winner, in the panel and on the server.
    for (const page of [anna.page, ben.page]) {
      const keys = await scriptPanelKeys(page, sim.url);
      expect(keys.filter((key) => key === `d:${DOMAIN}`)).toHaveLength(1);
    }
    const state = JSON.parse(await storedStateText(anna.page, 'anna')) as StoreView;
    const records = state.script.entries.filter((entry) => entry.key === `d:${DOMAIN}`);
    expect(records).toHaveLength(1);
    expect(records[0]?.value).toContain(winner);
    expect(records[0]?.value).not.toContain(loserChoice);

    expect(anna.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
  });
});
