/**
 * Renders the UI's card models with CardService. The only module that builds cards, so moving to
 * another runtime (HTTP add-on JSON) would mean replacing this file.
 */
import type {
  ActionRef,
  ActionResponseModel,
  ButtonModel,
  CardModel,
  NavigationStep,
  WidgetModel,
} from '../cards/card-model';

type Card = GoogleAppsScript.Card_Service.Card;

export function renderCard(model: CardModel): Card {
  const card = CardService.newCardBuilder().setName(model.name);
  const header = CardService.newCardHeader().setTitle(model.title);
  if (model.subtitle) header.setSubtitle(model.subtitle);
  card.setHeader(header);
  for (const section of model.sections) {
    const built = CardService.newCardSection();
    if (section.header) built.setHeader(section.header);
    for (const widget of section.widgets) built.addWidget(renderWidget(widget));
    card.addSection(built);
  }
  if (model.footer) {
    const footer = CardService.newFixedFooter().setPrimaryButton(renderButton(model.footer.primary));
    if (model.footer.secondary) footer.setSecondaryButton(renderButton(model.footer.secondary));
    card.setFixedFooter(footer);
  }
  return card.build();
}

function renderWidget(widget: WidgetModel): GoogleAppsScript.Card_Service.Widget {
  switch (widget.kind) {
    case 'paragraph':
      return CardService.newTextParagraph().setText(widget.html);
    case 'fact': {
      const fact = CardService.newDecoratedText().setText(widget.html).setWrapText(true);
      if (widget.label) fact.setTopLabel(widget.label);
      if (widget.bottomLabel) fact.setBottomLabel(widget.bottomLabel);
      if (widget.button) fact.setButton(renderButton(widget.button));
      return fact;
    }
    case 'buttons': {
      const set = CardService.newButtonSet();
      for (const button of widget.buttons) set.addButton(renderButton(button));
      return set;
    }
    case 'linkButton':
      return CardService.newButtonSet().addButton(
        CardService.newTextButton()
          .setText(widget.text)
          .setTextButtonStyle(
            widget.filled ? CardService.TextButtonStyle.FILLED : CardService.TextButtonStyle.OUTLINED,
          )
          .setOpenLink(CardService.newOpenLink().setUrl(widget.url)),
      );
    case 'textInput': {
      const input = CardService.newTextInput().setFieldName(widget.name).setTitle(widget.label);
      if (widget.hint) input.setHint(widget.hint);
      if (widget.value) input.setValue(widget.value);
      if (widget.multiline) input.setMultiline(true);
      if (widget.suggestions) input.setSuggestionsAction(renderAction(widget.suggestions));
      if (widget.onChange) input.setOnChangeAction(renderAction(widget.onChange));
      return input;
    }
    case 'divider':
      return CardService.newDivider();
  }
}

function renderButton(button: ButtonModel): GoogleAppsScript.Card_Service.TextButton {
  return CardService.newTextButton()
    .setText(button.text)
    .setTextButtonStyle(
      button.filled ? CardService.TextButtonStyle.FILLED : CardService.TextButtonStyle.OUTLINED,
    )
    .setOnClickAction(renderAction(button.action));
}

function renderAction(ref: ActionRef): GoogleAppsScript.Card_Service.Action {
  const action = CardService.newAction().setFunctionName(ref.functionName);
  if (ref.parameters && Object.keys(ref.parameters).length > 0) action.setParameters(ref.parameters);
  if (ref.spinner) action.setLoadIndicator(CardService.LoadIndicator.SPINNER);
  return action;
}

export function renderResponse(model: ActionResponseModel): GoogleAppsScript.Card_Service.ActionResponse {
  const response = CardService.newActionResponseBuilder();
  if (model.navigation.length > 0) {
    const navigation = CardService.newNavigation();
    for (const step of model.navigation) addStep(navigation, step);
    response.setNavigation(navigation);
  }
  if (model.notification) response.setNotification(CardService.newNotification().setText(model.notification));
  if (model.stateChanged) response.setStateChanged(true);
  return response.build();
}

function addStep(navigation: GoogleAppsScript.Card_Service.Navigation, step: NavigationStep): void {
  if ('push' in step) navigation.pushCard(renderCard(step.push));
  else if ('update' in step) navigation.updateCard(renderCard(step.update));
  else if ('popToRoot' in step) navigation.popToRoot();
  else navigation.popCard();
}

export function renderSuggestions(
  texts: readonly string[],
): GoogleAppsScript.Card_Service.SuggestionsResponse {
  return CardService.newSuggestionsResponseBuilder()
    .setSuggestions(CardService.newSuggestions().addSuggestions([...texts]))
    .build();
}

/** A universal action's answer: its card, shown on top of the add-on's cards. */
export function renderUniversalResponse(
  model: CardModel,
): GoogleAppsScript.Card_Service.UniversalActionResponse {
  return CardService.newUniversalActionResponseBuilder()
    .displayAddOnCards([renderCard(model)])
    .build();
}
