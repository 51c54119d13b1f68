/**
 * The add-on's entry points: the manifest's homepage trigger and every card callback. Apps Script
 * calls them by name, so each is an exported function declaration (gas-webpack-plugin turns each
 * into a top-level function of build/Code.js). They only hand over to the flow.
 */
import { DEPLOYMENT } from './deployment';
import { currentMessageSender } from './platform/gmail';
import { ownerPlatform, platform, renderCard, renderResponse, renderSuggestions } from './platform';
import { setup as setupBackingSheet } from './owner/setup';
import { sync } from './owner/sync';
import type { AddonEvent } from './ui/event';
import { createFlow } from './ui/customer/flow';
import { createSupportFlow } from './ui/support/flow';

/** Read once per execution: the customer's and support's flows both need it. */
let email: string | undefined;
const services = { ...platform, email: (): string => (email ??= platform.email()) };
const flow = createFlow({ ...services, supportEmail: () => DEPLOYMENT.supportEmail });
const support = createSupportFlow({
  ...services,
  ownerEmail: () => DEPLOYMENT.ownerEmail,
  customerHome: (e) => flow.homepage(e),
  messageSender: currentMessageSender,
});

export function onHomepage(e: AddonEvent) {
  return renderCard(support.homepage(e));
}

export function onAnswerHasReseller(e: AddonEvent) {
  return renderResponse(flow.answerHasReseller(e));
}

export function onAnswerDirect(e: AddonEvent) {
  return renderResponse(flow.answerDirect(e));
}

export function onAnswerLater(e: AddonEvent) {
  return renderResponse(flow.answerLater(e));
}

export function onShowQuestion(e: AddonEvent) {
  return renderResponse(flow.showQuestion(e));
}

export function onSuggestResellers(e: AddonEvent) {
  return renderSuggestions(flow.suggestResellers(e));
}

export function onSearchResellers(e: AddonEvent) {
  return renderResponse(flow.searchResellers(e));
}

export function onPickReseller(e: AddonEvent) {
  return renderResponse(flow.pickReseller(e));
}

export function onChooseReseller(e: AddonEvent) {
  return renderResponse(flow.chooseReseller(e));
}

export function onConfirmReseller(e: AddonEvent) {
  return renderResponse(flow.confirmReseller(e));
}

export function onGoBack() {
  return renderResponse(flow.goBack());
}

export function onShowChangeRequest(e: AddonEvent) {
  return renderResponse(flow.showChangeRequest(e));
}

export function onSubmitChangeRequest(e: AddonEvent) {
  return renderResponse(flow.submitChangeRequest(e));
}

/** Gmail's contextual trigger: an email is open (support sees the sender's organisation). */
export function onGmailMessage(e: AddonEvent) {
  return renderCard(support.message(e));
}

export function onSupportFind(e: AddonEvent) {
  return renderResponse(support.find(e));
}

export function onSupportAssign(e: AddonEvent) {
  return renderResponse(support.assign(e));
}

export function onSupportAnswer(e: AddonEvent) {
  return renderResponse(support.answer(e));
}

export function onSupportSyncNow(e: AddonEvent) {
  return renderResponse(support.syncNow(e));
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
