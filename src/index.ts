/**
 * The add-on's entry points: the manifest's homepage trigger and every card callback. Apps Script
 * calls them by name, so each is an exported function declaration (gas-webpack-plugin turns each
 * into a top-level function of build/Code.js). They only hand over to the flow.
 */
import { DEPLOYMENT } from './deployment';
import { platform, renderCard, renderResponse, renderSuggestions } from './platform';
import type { AddonEvent } from './ui/event';
import { createFlow } from './ui/customer/flow';

const flow = createFlow({ ...platform, supportEmail: () => DEPLOYMENT.supportEmail });

export function onHomepage(e: AddonEvent) {
  return renderCard(flow.homepage(e));
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
