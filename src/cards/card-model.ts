/**
 * Cards as plain data. Screens build these (pure, testable without Apps Script); the platform
 * renders them with CardService. Text fields marked Html are already escaped; all others are plain
 * text that the renderer passes to fields Google shows as text.
 */
import type { Html } from './html';

export interface ActionRef {
  /** A top-level function of the bundle (see ./actions). */
  functionName: string;
  parameters?: Record<string, string>;
  /** Show Google's spinner while the action runs (for actions that write or search). */
  spinner?: boolean;
}

export interface ButtonModel {
  text: string;
  action: ActionRef;
  /** The one main button of a card is filled; the others are outlined text buttons. */
  filled?: boolean;
}

export type WidgetModel =
  | { kind: 'paragraph'; html: Html }
  | { kind: 'fact'; label?: string; html: Html; bottomLabel?: string; button?: ButtonModel }
  | { kind: 'buttons'; buttons: ButtonModel[] }
  /**
   * A button that opens a link (OpenLink) instead of calling the bundle, e.g. a `mailto:` link.
   * Gmail opens only links that start with one of the manifest's `openLinkUrlPrefixes`.
   */
  | { kind: 'linkButton'; text: string; url: string; filled?: boolean }
  | {
      kind: 'textInput';
      name: string;
      label: string;
      hint?: string;
      value?: string;
      multiline?: boolean;
      suggestions?: ActionRef;
      /** Runs when the value changes: after a suggestion is picked, or on leaving the field. */
      onChange?: ActionRef;
    }
  | { kind: 'divider' };

export interface SectionModel {
  /** Section headers accept Google's HTML subset too. */
  header?: Html;
  widgets: WidgetModel[];
}

export interface CardModel {
  /** Names the card for navigation (popToNamedCard) and for tests. */
  name: string;
  title: string;
  subtitle?: string;
  sections: SectionModel[];
  /**
   * Google's rule for a fixed footer: the primary button is FILLED, the secondary OUTLINED. So the
   * primary is the card's main action, never "Back" (Gmail's header arrow goes back).
   */
  footer?: { primary: ButtonModel & { filled: true }; secondary?: ButtonModel & { filled?: false } };
}

export type NavigationStep =
  { push: CardModel } | { update: CardModel } | { popToRoot: true } | { pop: true };

export interface ActionResponseModel {
  navigation: NavigationStep[];
  notification?: string;
  /** Tells Gmail that stored data changed, so it drops cached cards of this add-on. */
  stateChanged?: boolean;
}
