/**
 * The simulator's Install state panel: Anna of Kunde GmbH switched through the cases (a) to (e)
 * of how Gmail comes to run the add-on for her, and what the page then shows. Where the add-on runs,
 * the sidebar shows whatever card the bundle returns (its texts are the add-on's to test); where
 * Google answers instead, the page shows Google's: the consent prompt over the sidebar (after a
 * button whose action calls ScriptApp.requireScopes, or the getAuthorizationUrl() link), the
 * authorization card when gmail.addons.execute is missing, and no add-on at all when her org unit is
 * not turned on. Granular consent: an unticked scope stays missing. Axe clean, keyboard usable.
 */
import type { Locator, Page } from 'playwright-core';
import { AUTH } from '../../dev/runtime/authorization';
import { ACTIONS } from '../../src/ui/actions';
import {
  checkAccessibility,
  checkAccessibilityOf,
  clearScreenshots,
  screenshotElement,
  screenshotSidebar,
  useSimulatorPage,
  waitForIdle,
  watchExecutions,
} from './support';

const PANEL = '#install-panel';
const EMAIL = `${AUTH}userinfo.email`;
const EXECUTE = `${AUTH}gmail.addons.execute`;
const MESSAGE_SCOPE = `${AUTH}gmail.addons.current.message.readonly`;
const ANNA = 'anna.schmidt@kunde-gmbh.de';

type InstallCase = 'admin' | 'individual' | 'orgUnitOff' | 'declined' | 'updateNotGranted';

function consent(page: Page): Locator {
  return page.getByRole('dialog', {
    name: 'Reseller Connect wants additional access to your Google Account',
  });
}

/** The card on screen, as its name (Google's own views are named google:…). */
function shownCard(page: Page): Promise<string | undefined> {
  return page.locator('#sidebar-body').evaluate((body) => (body as HTMLElement).dataset.card);
}

/** Runs `act`, then waits until the sidebar ran the homepage again and settled. */
async function afterHomepage(page: Page, act: () => Promise<unknown>): Promise<void> {
  const ran = page.waitForResponse(
    (r) => r.url().endsWith('/api/execute') && r.request().method() === 'POST',
    { timeout: 15_000 },
  );
  await act();
  await ran;
  await waitForIdle(page);
  await page.waitForFunction(
    (selector) => !document.querySelector(selector)?.hasAttribute('aria-busy'),
    PANEL,
  );
}

/** Picks a case (and its scope) in the panel, as a person does; each choice reloads the sidebar. */
async function switchTo(page: Page, installCase: InstallCase, scope?: string): Promise<void> {
  const select = page.getByLabel('Install state', { exact: true });
  if ((await select.inputValue()) !== installCase)
    await afterHomepage(page, () => select.selectOption(installCase));
  if (scope && (await page.getByLabel('Which scope').inputValue()) !== scope)
    await afterHomepage(page, () => page.getByLabel('Which scope').selectOption(scope));
  await expect(select.inputValue()).resolves.toBe(installCase);
}

function explanation(page: Page): Promise<string | null> {
  return page.locator('#install-explanation').textContent();
}

/** The text of a button whose action runs `functionName`, found in the card JSON the add-on returned. */
function buttonRunning(json: unknown, functionName: string): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const button = json as { text?: unknown; onClick?: { action?: { function?: unknown } } };
  if (typeof button.text === 'string' && button.onClick?.action?.function === functionName)
    return button.text;
  for (const value of Object.values(json)) {
    const found = buttonRunning(value, functionName);
    if (found !== undefined) return found;
  }
  return undefined;
}

beforeAll(() => clearScreenshots('install-states-'));

describe('the install state of the add-on, switched in the simulator', () => {
  const session = useSimulatorPage({ identity: 'anna', lang: 'en' });

  it('starts admin-installed for the domain, every scope granted: the add-on runs as always', async () => {
    const { page } = session;
    await page.waitForFunction(() => document.querySelectorAll('#install-case option').length === 5);
    await expect(page.getByLabel('Install state', { exact: true }).inputValue()).resolves.toBe('admin');
    await expect(page.locator('#install-email').textContent()).resolves.toBe(ANNA);
    await expect(explanation(page)).resolves.toContain(
      'installed it from the Marketplace for the whole domain',
    );
    await expect(page.locator('#install-granted').textContent()).resolves.toMatch(/Missing: nothing\.$/);
    await expect(page.locator('#install-grant').isVisible()).resolves.toBe(false);
    await expect(page.locator('#install-scope-row').isVisible()).resolves.toBe(false);
    expect(await shownCard(page)).not.toMatch(/^google:/);
    expect(await checkAccessibilityOf(page, PANEL, 'install-states panel')).toEqual([]);
    await screenshotElement(page, PANEL, 'install-states-01-panel');
  });

  it('(b) installed by the user alone: the add-on runs', async () => {
    const { page } = session;
    await switchTo(page, 'individual');
    await expect(explanation(page)).resolves.toContain('installed it from the Marketplace themselves');
    expect(await shownCard(page)).not.toMatch(/^google:/);
  });

  it('(c) org unit not turned on: Gmail shows no add-on, and the note says what the admin does', async () => {
    const { page } = session;
    await switchTo(page, 'orgUnitOff');
    expect(await shownCard(page)).toBe('google:not-turned-on');
    const note = page.locator('#sidebar-body .google-note');
    await expect(note.textContent()).resolves.toMatch(
      /not turned it on for your organizational unit.*Admin console/,
    );
    await expect(page.locator('#addon-name').isVisible()).resolves.toBe(false);
    await expect(page.locator('#install-granted').textContent()).resolves.toBe(
      'Gmail runs nothing for this user.',
    );
    await checkAccessibility(page, 'install-states not turned on');
    await screenshotSidebar(page, 'install-states-02-not-turned-on');
    // Back to (a): the add-on is there again.
    await switchTo(page, 'admin');
    expect(await shownCard(page)).not.toMatch(/^google:/);
    await expect(page.locator('#addon-name').isVisible()).resolves.toBe(true);
  });

  it('(d) a scope declined: the add-on’s grant button brings Google’s prompt; Allow grants it', async () => {
    const { page } = session;
    const executions = watchExecutions(page);
    await switchTo(page, 'declined', EMAIL);
    await expect(page.locator('#install-scope-row').isVisible()).resolves.toBe(true);
    await expect(explanation(page)).resolves.toContain('See your primary Google Account email address');
    await expect(page.locator('#install-granted').textContent()).resolves.toMatch(
      /Missing: userinfo\.email\.$/,
    );
    expect(await shownCard(page)).not.toMatch(/^google:/);
    const homepage = executions.filter((e) => e.functionName === 'onHomepage').pop();
    const grant = buttonRunning(await homepage?.value, ACTIONS.grantAccess);
    if (!grant) throw new Error(`The homepage offers no button running ${ACTIONS.grantAccess}`);

    await page.locator('#sidebar-body').getByRole('button', { name: grant }).click();
    await consent(page).waitFor();
    const box = consent(page).getByRole('checkbox', {
      name: 'See your primary Google Account email address',
    });
    await expect(box.isChecked()).resolves.toBe(true);
    await expect(box.evaluate((e) => e === document.activeElement)).resolves.toBe(true);
    await expect(consent(page).textContent()).resolves.toContain(ANNA);
    await checkAccessibility(page, 'install-states consent prompt');
    await screenshotSidebar(page, 'install-states-03-consent');
    // Escape is Cancel: the card stays, the scope is still missing.
    await page.keyboard.press('Escape');
    await expect(consent(page).isVisible()).resolves.toBe(false);
    await page.locator('#sidebar-body').getByRole('button', { name: grant }).click();
    await consent(page).waitFor();
    // Keyboard: Tab cycles inside the prompt, Enter on Allow grants and Gmail runs the homepage again.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Allow');
    await afterHomepage(page, () => page.keyboard.press('Enter'));
    await expect(consent(page).isVisible()).resolves.toBe(false);
    await expect(page.getByLabel('Install state', { exact: true }).inputValue()).resolves.toBe('individual');
    await expect(page.locator('#install-granted').textContent()).resolves.toMatch(/Missing: nothing\.$/);
    expect(await shownCard(page)).not.toMatch(/^google:/);
  });

  it('(d) gmail.addons.execute declined: Google’s authorization card; an unticked scope stays missing', async () => {
    const { page } = session;
    await switchTo(page, 'declined', EXECUTE);
    expect(await shownCard(page)).toBe('google:authorization');
    await expect(page.locator('#sidebar-body').textContent()).resolves.toContain(
      'Reseller Connect needs your permission to run in Gmail.',
    );
    await checkAccessibility(page, 'install-states authorization card');
    await screenshotSidebar(page, 'install-states-04-authorization-card');
    await page.getByRole('button', { name: 'Authorize access' }).click();
    const box = consent(page).getByRole('checkbox', { name: 'Run as a Gmail add-on' });
    await box.uncheck();
    // Granular consent: Allow with the box unticked grants nothing, so Gmail asks again.
    await afterHomepage(page, () => consent(page).getByRole('button', { name: 'Allow' }).click());
    expect(await shownCard(page)).toBe('google:authorization');
    await page.getByRole('button', { name: 'Authorize access' }).click();
    await afterHomepage(page, () => consent(page).getByRole('button', { name: 'Allow' }).click());
    expect(await shownCard(page)).not.toMatch(/^google:/);
    await expect(page.getByLabel('Install state', { exact: true }).inputValue()).resolves.toBe('individual');
  });

  it('(e) a scope added by an update: missing for the whole domain until the admin grants access', async () => {
    const { page, sim } = session;
    await switchTo(page, 'updateNotGranted', MESSAGE_SCOPE);
    await expect(explanation(page)).resolves.toMatch(/Partially granted.*every user of the domain/);
    expect(await shownCard(page)).not.toMatch(/^google:/);
    // Ben, of the same domain, is in the same state.
    const ben = (await (await fetch(`${sim.url}/api/install?identity=ben`)).json()) as {
      installCase: string;
    };
    expect(ben.installCase).toBe('updateNotGranted');
    const grant = page.getByRole('button', {
      name: 'Grant access for kunde-gmbh.de (the admin, in the Admin console)',
    });
    expect(await checkAccessibilityOf(page, PANEL, 'install-states partially granted')).toEqual([]);
    await afterHomepage(page, () => grant.click());
    await expect(page.getByLabel('Install state', { exact: true }).inputValue()).resolves.toBe('admin');
    await expect(grant.isVisible()).resolves.toBe(false);
  });

  it('opening the getAuthorizationUrl() link shows the prompt for its scopes, in her Gmail’s language', async () => {
    const { page, sim } = session;
    await switchTo(page, 'updateNotGranted', EMAIL);
    const link = new URL('/authorize', sim.url);
    link.search = new URLSearchParams({ scope: EMAIL, login_hint: ANNA }).toString();
    await page.goto(link.toString());
    // The link signs the page in as Anna, whose Gmail (and so Google's prompt) is German.
    const german = page.getByRole('dialog', {
      name: 'Reseller Connect möchte zusätzlichen Zugriff auf Ihr Google-Konto',
    });
    await german.waitFor();
    expect(new URL(page.url()).searchParams.get('identity')).toBe('anna');
    const box = german.getByRole('checkbox', { name: 'Primäre E-Mail-Adresse Ihres Google-Kontos ansehen' });
    await expect(box.isChecked()).resolves.toBe(true);
    await afterHomepage(page, () => german.getByRole('button', { name: 'Zulassen' }).click());
    await expect(page.locator('#install-granted').textContent()).resolves.toMatch(/Missing: nothing\.$/);
    // Still partially granted for the domain (Ben lacks it): only Anna consented.
    await expect(page.locator('#install-grant').isVisible()).resolves.toBe(true);
    expect(await shownCard(page)).not.toMatch(/^google:/);

    await switchTo(page, 'declined', EXECUTE);
    await page.getByRole('button', { name: 'Zugriff autorisieren' }).click();
    await expect(
      german.getByRole('checkbox', { name: 'Als Gmail-Add-on ausgeführt werden' }).isChecked(),
    ).resolves.toBe(true);
    await checkAccessibility(page, 'install-states consent prompt (de)');
    await afterHomepage(page, () => german.getByRole('button', { name: 'Zulassen' }).click());
    expect(await shownCard(page)).not.toMatch(/^google:/);
  });
});
