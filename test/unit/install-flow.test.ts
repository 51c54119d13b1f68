/**
 * The customer admin's room (src/ui/install/): the card for a call refused for want of a
 * permission, "Grant access" (Google's own prompt, for known scopes only) and the Help card, on
 * fake services.
 */
import { SCOPES } from '../../src/domain/scopes';
import { ACTIONS } from '../../src/ui/actions';
import { createInstallFlow, type InstallServices } from '../../src/ui/install/flow';
import { HELP_CARD, MISSING_SCOPES_CARD } from '../../src/ui/install/cards';
import type { CardModel } from '../../src/cards/card-model';
import { addonEvent, button, mailtoLinks, readCard } from '../support/memory-ports';

const HOME: CardModel = { name: 'home', title: 'Home', sections: [] };

function services(granted: readonly string[] = [], url: string | null = 'https://accounts.example/consent') {
  const required: string[][] = [];
  const recorded: string[][] = [];
  const fake: InstallServices = {
    authorization: (scopes) => ({ missing: scopes.filter((s) => !granted.includes(s)), url }),
    requireScopes: (scopes) => void required.push([...scopes]),
    recordMissing: (scopes) => void recorded.push([...scopes]),
    supportEmail: () => 'help@resellerconnect.example',
    homepage: () => HOME,
  };
  return { fake, required, recorded };
}

describe('the missing-permission card', () => {
  it.each([
    ['en', 'One permission is missing', 'See your email address', 'Grant access', 'Try again'],
    ['de', 'Eine Berechtigung fehlt', 'Ihre E-Mail-Adresse sehen', 'Zugriff erteilen', 'Erneut versuchen'],
  ])(
    'says in plain words what is missing and both ways to grant it (%s)',
    (locale, title, what, grant, retry) => {
      const { fake, recorded } = services();
      const card = createInstallFlow(fake).missing(addonEvent({ locale }), [SCOPES.email]);
      expect(card.name).toBe(MISSING_SCOPES_CARD);
      expect(card.title).toBe(title);
      const text = readCard(card);
      expect(text).toContain(what);
      expect(text).toMatch(locale === 'de' ? /Admin-Konsole/ : /Admin console/);
      expect(button(card, grant).action).toEqual({
        functionName: ACTIONS.grantAccess,
        parameters: { scopes: SCOPES.email },
      });
      expect(button(card, retry).action.functionName).toBe(ACTIONS.homepage);
      expect(recorded).toEqual([[SCOPES.email]]);
    },
  );

  it('names what is missing even when Apps Script says it is granted (the call was refused)', () => {
    const { fake } = services([SCOPES.message], null);
    const card = createInstallFlow(fake).missing(addonEvent({}), [SCOPES.message]);
    expect(readCard(card)).toContain(
      'See the email you have open (its sender, subject and attachments’ names)',
    );
    // Nothing Google could prompt for: only the admin's way is offered.
    expect(() => button(card, 'Grant access')).toThrow();
  });

  it('still shows the card when counting the refusal fails', () => {
    const { fake } = services();
    fake.recordMissing = () => {
      throw new Error('store full');
    };
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(createInstallFlow(fake).missing(addonEvent({}), [SCOPES.email]).name).toBe(MISSING_SCOPES_CARD);
  });
});

describe('"Grant access"', () => {
  it('asks Google for the scopes the card named, and only for scopes the add-on knows', () => {
    const { fake, required } = services();
    const flow = createInstallFlow(fake);
    const response = flow.grant(
      addonEvent({
        parameters: { scopes: `${SCOPES.email} https://www.googleapis.com/auth/drive ${SCOPES.message}` },
      }),
    );
    expect(required).toEqual([[SCOPES.email, SCOPES.message]]);
    // requireScopes returned: everything is granted, so the homepage as it is now.
    expect(response.navigation).toEqual([{ popToRoot: true }, { update: HOME }]);
  });

  it('asks for nothing when the parameters are forged', () => {
    const { fake, required } = services();
    createInstallFlow(fake).grant(addonEvent({ parameters: { scopes: 'https://mail.google.com/' } }));
    createInstallFlow(fake).grant(addonEvent({}));
    expect(required).toEqual([]);
  });
});

describe('the Help card', () => {
  it.each([
    ['en', 'Help', 'Admin install', 'Turn on for'],
    ['de', 'Hilfe', 'Administratorinstallation', 'Aktivieren für'],
  ])('explains installing for everyone and every permission (%s)', (locale, title, install, turnOn) => {
    const { fake } = services();
    const card = createInstallFlow(fake).help(addonEvent({ locale }));
    expect(card.name).toBe(HELP_CARD);
    expect(card.title).toBe(title);
    const text = readCard(card);
    expect(text).toContain(install);
    expect(text).toContain(turnOn);
    expect(text.match(locale === 'de' ? /sehen|bearbeiten/g : /\bSee\b/g)?.length).toBeGreaterThanOrEqual(4);
    expect(mailtoLinks(card)).toEqual(['help@resellerconnect.example']);
  });
});
