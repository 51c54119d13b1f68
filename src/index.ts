/**
 * The add-on's entry points: the manifest's homepage trigger and every card callback. Apps Script
 * calls them by name, so each is an exported function declaration (gas-webpack-plugin turns each
 * into a top-level function of build/Code.js). They only hand over to the flows; a call refused
 * for want of a permission is answered with the card that says which one (`ui/install/`).
 */
import { DEPLOYMENT } from './deployment';
import { classifyAccount } from './domain/account';
import { MissingScopesError } from './domain/scopes';
import { openCurrentMessage } from './platform/gmail';
import {
  authorizationOf,
  ownerPlatform,
  platform,
  renderCard,
  renderResponse,
  renderSuggestions,
  renderUniversalResponse,
  requireScopes,
  runStoreCommand,
} from './platform';
import { setup as setupBackingSheet } from './owner/setup';
import { sync } from './owner/sync';
import { StoreUnavailableError } from './store/errors';
import { recordMissingScopes } from './store/missing-scopes';
import type { KeyValueStore, ScriptLock } from './store/ports';
import { supportAddressIn } from './store/support-address';
import type { ActionResponseModel, CardModel } from './cards/card-model';
import { readEvent, type AddonEvent } from './ui/event';
import { createApplicantFlow } from './ui/applicant/flow';
import { createFlow } from './ui/customer/flow';
import { createInstallFlow } from './ui/install/flow';
import { createResellerFlow } from './ui/reseller/flow';
import { createSupportFlow } from './ui/support/flow';
import { unavailableCard } from './ui/customer/unavailable';
import { supportUnavailableCard } from './ui/support/unavailable';
import { createView } from './ui/view';

/** Read once per execution: the customer's and support's flows both need it. */
let email: string | undefined;

/**
 * The store being unavailable (StoreUnavailableError; a damaged f:config counts too), as first seen
 * in this execution. The flows turn every failure into their own "something went wrong" notice, so
 * the store the flows are given notes it here on its way through, and the entry points below show
 * the unavailable card in place of whatever the flow answered.
 */
let unavailable: StoreUnavailableError | undefined;

function noted(error: unknown): unknown {
  const problem =
    error instanceof StoreUnavailableError
      ? error
      : // By name: importing firestore-config would put Firestore's address into the default bundle.
        error instanceof Error && error.name === 'FirestoreConfigError'
        ? new StoreUnavailableError('configuration', error.message)
        : undefined;
  if (!problem) return error;
  unavailable ??= problem;
  return problem;
}

function watched<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw noted(error);
  }
}

/** The same object, each of its methods watched (a Proxy: the store's interface may grow). */
function watchedPort<T extends object>(open: () => T): T {
  const port = watched(open);
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown =>
        watched(() => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

const services = {
  ...platform,
  scriptStore: (): KeyValueStore => watchedPort(platform.scriptStore),
  lock: (): ScriptLock => watchedPort(platform.lock),
  email: (): string => (email ??= platform.email()),
};
const flow = createFlow({ ...services, supportEmail: () => DEPLOYMENT.supportEmail });
const support = createSupportFlow({
  ...services,
  ownerEmail: () => DEPLOYMENT.ownerEmail,
  customerHome: (e) => flow.homepage(e),
  openMessage: openCurrentMessage,
});
const install = createInstallFlow({
  authorization: authorizationOf,
  requireScopes,
  recordMissing: (scopes) => recordMissingScopes(platform.scriptStore(), scopes, platform.now()),
  supportEmail: () => supportAddressIn(platform.scriptStore(), DEPLOYMENT.supportEmail),
  homepage: (e) => support.homepage(e),
});

/**
 * Whom the unavailable card tells what is wrong: the owner, the support address, and the accounts
 * of the owner's domain (the vendor's own staff). Decided without the store, which is what is
 * unavailable (support staff are listed in it); the explanation names no secret, so a colleague of
 * the vendor who is not support staff seeing it costs nothing.
 */
function isVendorStaff(): boolean {
  try {
    const account = classifyAccount(services.email());
    const owner = classifyAccount(DEPLOYMENT.ownerEmail);
    if (account.kind !== 'organisation') return false;
    if (account.email === DEPLOYMENT.supportEmail.trim().toLowerCase()) return true;
    return owner.kind === 'organisation' && account.domain === owner.domain;
  } catch {
    // No email (a permission not granted): a customer's card, which says nothing of the vendor.
    return false;
  }
}

/** The unavailable card: support's explanation for the vendor's staff, a plain notice for everyone else. */
function unavailableFor(e: AddonEvent | undefined, problem: StoreUnavailableError): CardModel {
  const event = readEvent(e);
  const view = createView(event.language, event.timeZone);
  // The reason goes to the execution log too (the error's message carries no secret).
  console.error(`Store unavailable (${problem.reason}): ${problem.message}`);
  return isVendorStaff()
    ? supportUnavailableCard(view, {
        reason: problem.reason,
        detail: problem.message,
        outcomeUnknown: problem.outcomeUnknown,
      })
    : unavailableCard(view, problem.outcomeUnknown);
}

/** Runs an entry point's work; the store seen unavailable during it comes back as `problem`. */
function attempt<T>(work: () => T): { value: T } | { problem: StoreUnavailableError } {
  unavailable = undefined;
  try {
    const value = work();
    return unavailable ? { problem: unavailable } : { value };
  } catch (error) {
    const problem = noted(error);
    if (problem instanceof StoreUnavailableError) return { problem };
    throw error;
  }
}

/** A card, the missing-permission card when a call was refused, or the unavailable card. */
function card(e: AddonEvent | undefined, build: () => CardModel) {
  try {
    const built = attempt(build);
    return renderCard('value' in built ? built.value : unavailableFor(e, built.problem));
  } catch (error) {
    if (error instanceof MissingScopesError) return renderCard(install.missing(e, error.scopes));
    throw error;
  }
}

/**
 * An action's response; a refused call shows the missing-permission card in place of the card, and
 * an unavailable store the unavailable card (nothing was changed, unless it says otherwise).
 */
function respond(e: AddonEvent | undefined, act: () => ActionResponseModel) {
  try {
    const done = attempt(act);
    if ('value' in done) return renderResponse(done.value);
    const shown = unavailableFor(e, done.problem);
    const view = createView(readEvent(e).language, {});
    return renderResponse({
      navigation: [{ update: shown }],
      ...(done.problem.outcomeUnknown ? {} : { notification: view.t('unavailable.notice') }),
    });
  } catch (error) {
    if (error instanceof MissingScopesError)
      return renderResponse({ navigation: [{ update: install.missing(e, error.scopes) }] });
    throw error;
  }
}

export function onHomepage(e: AddonEvent) {
  return card(e, () => support.homepage(e));
}

export function onAnswerHasReseller(e: AddonEvent) {
  return respond(e, () => flow.answerHasReseller(e));
}

export function onAnswerDirect(e: AddonEvent) {
  return respond(e, () => flow.answerDirect(e));
}

export function onAnswerLater(e: AddonEvent) {
  return respond(e, () => flow.answerLater(e));
}

export function onShowQuestion(e: AddonEvent) {
  return respond(e, () => flow.showQuestion(e));
}

export function onSuggestResellers(e: AddonEvent) {
  return renderSuggestions(flow.suggestResellers(e));
}

export function onSearchResellers(e: AddonEvent) {
  return respond(e, () => flow.searchResellers(e));
}

export function onPickReseller(e: AddonEvent) {
  return respond(e, () => flow.pickReseller(e));
}

export function onChooseReseller(e: AddonEvent) {
  return respond(e, () => flow.chooseReseller(e));
}

export function onConfirmReseller(e: AddonEvent) {
  return respond(e, () => flow.confirmReseller(e));
}

export function onGoBack() {
  return renderResponse(flow.goBack());
}

/** "Grant access" on the missing-permission card: Google's own consent prompt. */
export function onGrantAccess(e: AddonEvent) {
  return respond(e, () => install.grant(e));
}

/** The question card's "colleagues" button: the Help card on top. */
export function onShowHelp(e: AddonEvent) {
  return respond(e, () => install.showHelp(e));
}

/** The applicant's room: "Become a reseller" and its form (src/ui/applicant/). */
const applicant = createApplicantFlow({ ...services, supportEmail: () => DEPLOYMENT.supportEmail });

/** The universal action "Become a reseller": what applying needs, the form, or the status. */
export function onBecomeReseller(e: AddonEvent) {
  try {
    const done = attempt(() => applicant.becomeReseller(e));
    return renderUniversalResponse('value' in done ? done.value : unavailableFor(e, done.problem));
  } catch (error) {
    if (error instanceof MissingScopesError) return renderUniversalResponse(install.missing(e, error.scopes));
    throw error;
  }
}

/** "Send application" on the form. */
export function onSubmitApplication(e: AddonEvent) {
  return respond(e, () => applicant.submitApplication(e));
}

/** The universal action "Help": what the add-on does, installing it for everyone, its permissions. */
export function onHelp(e: AddonEvent) {
  return renderUniversalResponse(install.help(e));
}

/** The reseller's room (src/ui/reseller/): its staff's own customers; the reseller is their role's. */
const reseller = createResellerFlow({
  ...services,
  supportEmail: () => DEPLOYMENT.supportEmail,
  customerHome: (e) => flow.homepage(e),
});

/** "Open my reseller view" on the Become-a-reseller card: a reseller's staff claim their role. */
export function onClaimResellerRole(e: AddonEvent) {
  return respond(e, () => reseller.claim(e));
}

export function onResellerInvite(e: AddonEvent) {
  return respond(e, () => reseller.invite(e));
}

export function onResellerRefresh(e: AddonEvent) {
  return respond(e, () => reseller.refresh(e));
}

export function onResellerPage(e: AddonEvent) {
  return respond(e, () => reseller.page(e));
}

/** "Use code" on the question or search card: the invitation's reseller to confirm. */
export function onUseInvitation(e: AddonEvent) {
  return respond(e, () => flow.useInvitation(e));
}

export function onShowChangeRequest(e: AddonEvent) {
  return respond(e, () => flow.showChangeRequest(e));
}

export function onSubmitChangeRequest(e: AddonEvent) {
  return respond(e, () => flow.submitChangeRequest(e));
}

/** Gmail's contextual trigger: an email is open (support sees the sender's organisation). */
export function onGmailMessage(e: AddonEvent) {
  return card(e, () => support.message(e));
}

export function onSupportFind(e: AddonEvent) {
  return respond(e, () => support.find(e));
}

export function onSupportAssign(e: AddonEvent) {
  return respond(e, () => support.assign(e));
}

export function onSupportAnswer(e: AddonEvent) {
  return respond(e, () => support.answer(e));
}

export function onSupportLink(e: AddonEvent) {
  return respond(e, () => support.link(e));
}

export function onSupportUnlink(e: AddonEvent) {
  return respond(e, () => support.unlink(e));
}

/** Support opens a reseller's (or an applicant's) card of the reseller programme. */
export function onSupportReseller(e: AddonEvent) {
  return respond(e, () => support.reseller(e));
}

/** Support takes a step of the programme: send agreement, approve, reject, suspend, reinstate. */
export function onSupportTransition(e: AddonEvent) {
  return respond(e, () => support.transition(e));
}

/** Support marks the PDF of the open email as the applicant's signed agreement. */
export function onSupportMarkSigned(e: AddonEvent) {
  return respond(e, () => support.markSigned(e));
}

export function onSupportSyncNow(e: AddonEvent) {
  return respond(e, () => support.syncNow(e));
}

/**
 * Run once by the owner from the Apps Script editor: creates (or repairs) the backing Sheet and says
 * which trigger to add. Refused for anyone but the owner configured in src/deployment.ts.
 */
export function setup(): void {
  // What it did goes to the execution log (the editor shows it); a trigger's return value is dropped.
  setupBackingSheet({ ...ownerPlatform(), ownerEmail: DEPLOYMENT.ownerEmail });
}

/**
 * The owner's time-driven trigger: the store's changes to the Sheet, support's edits back. Returns
 * after two calls when there is nothing to do.
 */
export function runSync(): void {
  ownerRun('sync', () => sync({ ...ownerPlatform(), ownerEmail: DEPLOYMENT.ownerEmail }));
}

/** The same for the owner by hand (Run › syncNow in the editor): always reads the Sheet. */
export function syncNow(): void {
  ownerRun('sync', () => sync({ ...ownerPlatform(), ownerEmail: DEPLOYMENT.ownerEmail }, { force: true }));
}

/**
 * An owner's run whose store is unavailable: one line in the execution log saying why, in the
 * words support's card uses, then the error again, so that the trigger's run counts as failed (and
 * Google's failure email reaches the owner). The next run continues where this one stopped.
 */
function ownerRun(name: string, run: () => unknown): void {
  try {
    run();
  } catch (error) {
    const problem = noted(error);
    if (problem instanceof StoreUnavailableError) {
      const view = createView('en', {});
      const explained =
        problem.reason === 'credentials'
          ? view.t('unavailable.support.credentials')
          : problem.reason === 'configuration'
            ? view.t('unavailable.support.configuration')
            : problem.reason === 'overloaded'
              ? view.t('unavailable.support.overloaded')
              : view.t('unavailable.support.unreachable');
      console.error(
        `The ${name} stopped${problem.outcomeUnknown ? '' : ', nothing was changed'}: the store is unavailable (${problem.reason}). ${explained} ${problem.message}`,
      );
    }
    throw problem;
  }
}

/**
 * The owner's move to Cloud Firestore (README, "Cloud Firestore"; DEPLOYING.md), each run by hand
 * from the Apps Script editor on the Firestore build and logging what it did. The default build
 * has them too, so that running one there says which build to deploy instead of "Script function
 * not found". Refused for anyone but the owner, like setup.
 *
 * configureFirestore: the service account's JSON key, pasted into Script Property f:key, becomes
 * f:config once Firestore answers with it (the add-on stays on Script Properties).
 */
export function configureFirestore(): void {
  runStoreCommand('configureFirestore', DEPLOYMENT.ownerEmail);
}

/** Copies the data into Firestore, verifies counts and checksum, then switches the add-on to it. */
export function migrateToFirestore(): void {
  runStoreCommand('migrateToFirestore', DEPLOYMENT.ownerEmail);
}

/** The way back: Firestore's data into Script Properties (refused over their 500 KB), then switches. */
export function migrateBackToProperties(): void {
  runStoreCommand('migrateBackToProperties', DEPLOYMENT.ownerEmail);
}
