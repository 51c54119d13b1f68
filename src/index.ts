/**
 * The add-on's entry points: the manifest's homepage trigger and every card callback. Apps Script
 * calls them by name, so each is an exported function declaration (gas-webpack-plugin turns each
 * into a top-level function of build/Code.js). They only hand over to the flows; a call refused
 * for want of a permission is answered with the card that says which one (`ui/install/`).
 */
import { DEPLOYMENT } from './deployment';
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
} from './platform';
import { setup as setupBackingSheet } from './owner/setup';
import { sync } from './owner/sync';
import { recordMissingScopes } from './store/missing-scopes';
import { supportAddressIn } from './store/support-address';
import type { ActionResponseModel, CardModel } from './cards/card-model';
import type { AddonEvent } from './ui/event';
import { createApplicantFlow } from './ui/applicant/flow';
import { createFlow } from './ui/customer/flow';
import { createInstallFlow } from './ui/install/flow';
import { createResellerFlow } from './ui/reseller/flow';
import { createSupportFlow } from './ui/support/flow';

/** Read once per execution: the customer's and support's flows both need it. */
let email: string | undefined;
const services = { ...platform, email: (): string => (email ??= platform.email()) };
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

/** A card, or the missing-permission card when a call was refused. */
function card(e: AddonEvent | undefined, build: () => CardModel) {
  try {
    return renderCard(build());
  } catch (error) {
    if (error instanceof MissingScopesError) return renderCard(install.missing(e, error.scopes));
    throw error;
  }
}

/** An action's response; a refused call shows the missing-permission card in place of the card. */
function respond(e: AddonEvent | undefined, act: () => ActionResponseModel) {
  try {
    return renderResponse(act());
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
    return renderUniversalResponse(applicant.becomeReseller(e));
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
  sync({ ...ownerPlatform(), ownerEmail: DEPLOYMENT.ownerEmail });
}

/** The same for the owner by hand (Run › syncNow in the editor): always reads the Sheet. */
export function syncNow(): void {
  sync({ ...ownerPlatform(), ownerEmail: DEPLOYMENT.ownerEmail }, { force: true });
}
