/**
 * A headless Gmail sidebar: keeps the card stack of one user, sends form inputs and action
 * parameters the way Google does, applies navigations and shows notifications. Integration tests
 * and benchmarks drive the built bundle through it; the simulator's browser page does the same with
 * a real screen.
 */
import type { ActionJson, ButtonJson, CardJson, NavigationJson, WidgetJson } from './card-service';

/** A widget read field by field: exactly one of these is set on any widget. */
export type AnyWidget = Partial<UnionToIntersection<WidgetJson>>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
import { actionEvent, homepageEvent } from './events';
import { applyNavigations } from './navigation';
import type { AuthorizationPrompt, ExecutionResult } from './execution';
import type { Identity } from './host';
import type { LocalRuntime } from './runtime';

export interface VisibleButton {
  text: string;
  action: ActionJson;
}

export class AddonError extends Error {
  constructor(
    message: string,
    readonly result?: ExecutionResult,
  ) {
    super(message);
  }
}

export class AddonClient {
  /** The card stack; the first card is the homepage (root), the last one is on screen. */
  stack: CardJson[] = [];
  notification: string | undefined;
  /** Every execution this client caused, in order. */
  readonly history: ExecutionResult[] = [];
  /**
   * Google's consent prompt the last execution ended with (ScriptApp.requireScopes), shown over the
   * card, which stays as it was; undefined after any other execution. `allow()` answers it.
   */
  authorizationPrompt: AuthorizationPrompt | undefined;
  private form: Record<string, string> = {};

  constructor(
    private readonly runtime: LocalRuntime,
    readonly identity: Identity,
    private readonly homepageFunction = 'onHomepage',
  ) {}

  get card(): CardJson {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw new AddonError('No card is open: call openHomepage() first');
    return top;
  }

  get last(): ExecutionResult {
    const last = this.history[this.history.length - 1];
    if (!last) throw new AddonError('Nothing has run yet');
    return last;
  }

  openHomepage(): CardJson {
    const result = this.execute(this.homepageFunction, homepageEvent(this.identity, this.runtime.host.now()));
    if (result.authorizationPrompt)
      throw new AddonError(
        `The homepage ended with Google's consent prompt for ${result.authorizationPrompt.scopes.join(', ')}`,
        result,
      );
    const cards = Array.isArray(result.value) ? (result.value as CardJson[]) : [result.value as CardJson];
    const first = cards[0];
    if (!first) throw new AddonError('The homepage returned no card', result);
    this.stack = [first];
    this.notification = undefined;
    this.resetForm();
    return first;
  }

  /** Types into a text input of the current card. */
  type(fieldName: string, value: string): void {
    if (!allWidgets(this.card).some((w) => w.textInput?.name === fieldName)) {
      throw new AddonError(`The card "${this.card.name}" has no text input named ${fieldName}`);
    }
    this.form[fieldName] = value;
  }

  /** What the typeahead offers for a text, as the user pauses typing. */
  suggest(fieldName: string, value: string): string[] {
    const input = allWidgets(this.card).find((w) => w.textInput?.name === fieldName)?.textInput;
    const action = input?.autoCompleteAction;
    if (!action) throw new AddonError(`The text input ${fieldName} has no suggestions action`);
    this.form[fieldName] = value;
    const result = this.execute(
      action.function ?? '',
      actionEvent(this.identity, this.eventInput(action), this.runtime.host.now()),
    );
    const items =
      (result.value as { suggestions?: { items?: { text?: string }[] } } | undefined)?.suggestions?.items ??
      [];
    return items.map((item) => item.text ?? '');
  }

  /**
   * Picks a suggestion (or leaves the field after typing `value`): Gmail puts the text in the input
   * and fires the input's on-change action, if it has one.
   */
  pick(fieldName: string, value: string): ExecutionResult | undefined {
    const input = allWidgets(this.card).find((w) => w.textInput?.name === fieldName)?.textInput;
    if (!input) throw new AddonError(`The card "${this.card.name}" has no text input named ${fieldName}`);
    this.form[fieldName] = value;
    return input.onChangeAction ? this.runAction(input.onChangeAction) : undefined;
  }

  buttons(): VisibleButton[] {
    const found: VisibleButton[] = [];
    const add = (button: ButtonJson | undefined): void => {
      const action = button?.onClick && 'action' in button.onClick ? button.onClick.action : undefined;
      if (button?.text !== undefined && action) found.push({ text: button.text, action });
    };
    for (const widget of allWidgets(this.card)) {
      widget.buttonList?.buttons?.forEach(add);
      add(widget.decoratedText?.button);
    }
    add(this.card.fixedFooter?.primaryButton);
    add(this.card.fixedFooter?.secondaryButton);
    return found;
  }

  /** Clicks the button with this text; `nth` picks among buttons with the same text. */
  click(text: string, nth = 0): ExecutionResult {
    const matches = this.buttons().filter((b) => b.text === text);
    const button = matches[nth];
    if (!button) {
      const offered = this.buttons().map((b) => b.text);
      throw new AddonError(
        `No button "${text}" on card "${this.card.name}" (buttons: ${offered.join(', ')})`,
      );
    }
    return this.runAction(button.action);
  }

  /** Runs a card action as Google does, with this card's form inputs; applies the response. */
  runAction(action: ActionJson): ExecutionResult {
    const result = this.execute(
      action.function ?? '',
      actionEvent(this.identity, this.eventInput(action), this.runtime.host.now()),
    );
    this.apply(
      result.value as { action?: { navigations?: NavigationJson[]; notification?: { text?: string } } },
    );
    return result;
  }

  /**
   * The user clicks Allow on Google's consent prompt with `scopes` ticked (default: all it asked
   * for): they are granted to this user, and Gmail runs the homepage again.
   */
  allow(scopes: readonly string[] = this.authorizationPrompt?.scopes ?? []): CardJson {
    this.runtime.host.authorization.grant(this.identity.email, scopes);
    this.authorizationPrompt = undefined;
    return this.openHomepage();
  }

  /** Everything a person could read on the current card, in order (HTML tags removed). */
  texts(): string[] {
    const card = this.card;
    const out: string[] = [];
    const push = (text: string | undefined): void => {
      if (text) out.push(decodeHtml(text));
    };
    push(card.header?.title);
    push(card.header?.subtitle);
    for (const section of card.sections ?? []) {
      push(section.header);
      for (const widget of (section.widgets ?? []) as AnyWidget[]) {
        push(widget.textParagraph?.text);
        push(widget.decoratedText?.topLabel);
        push(widget.decoratedText?.text);
        push(widget.decoratedText?.bottomLabel);
        push(widget.textInput?.label);
        push(widget.decoratedText?.button?.text);
        widget.buttonList?.buttons?.forEach((b) => push(b.text));
      }
    }
    push(card.fixedFooter?.primaryButton?.text);
    push(card.fixedFooter?.secondaryButton?.text);
    return out;
  }

  private eventInput(action: ActionJson): {
    parameters: Record<string, string>;
    formInputs: Record<string, string>;
  } {
    const parameters: Record<string, string> = {};
    for (const { key, value } of action.parameters ?? [])
      if (key !== undefined) parameters[key] = value ?? '';
    // Google sends only inputs that hold a value.
    const formInputs = Object.fromEntries(Object.entries(this.form).filter(([, v]) => v !== ''));
    return { parameters, formInputs };
  }

  private execute(functionName: string, event: unknown): ExecutionResult {
    const result = this.runtime.run({ functionName, identity: this.identity, event });
    this.history.push(result);
    this.authorizationPrompt = result.authorizationPrompt;
    if (result.authorizationPrompt) return result;
    if (!result.ok) throw new AddonError(`${functionName} failed: ${result.error?.message}`, result);
    return result;
  }

  private apply(
    response: { action?: { navigations?: NavigationJson[]; notification?: { text?: string } } } | undefined,
  ): void {
    this.notification = response?.action?.notification?.text;
    const navigations = response?.action?.navigations ?? [];
    applyNavigations(this.stack, navigations);
    if (navigations.length > 0) this.resetForm();
  }

  private resetForm(): void {
    this.form = {};
    for (const widget of allWidgets(this.card)) {
      if (widget.textInput?.name && widget.textInput.value)
        this.form[widget.textInput.name] = widget.textInput.value;
    }
  }
}

export function allWidgets(card: CardJson): AnyWidget[] {
  return (card.sections ?? []).flatMap((s) => (s.widgets ?? []) as AnyWidget[]);
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** What a person sees of card HTML: tags gone, entities decoded. */
export function decodeHtml(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}
