/**
 * A card's text input with auto-complete suggestions, as Gmail shows it: suggestions asked for
 * after a pause in typing, a listbox the keyboard moves through (ARIA combobox), and the input's
 * on-change action fired as Gmail fires it (see fireChange).
 */
import type { ActionJson } from '../../runtime/card-service';
import type { RenderedAction } from '../renderer';

const SUGGESTION_PAUSE_MS = 300;

/** What the widget needs from the page: the card's actions, running one, asking for suggestions. */
export interface TypeaheadPage {
  action(index: number): RenderedAction | undefined;
  trigger(rendered: RenderedAction | undefined): void;
  suggest(action: ActionJson): Promise<string[]>;
}

export function wireTypeahead(input: HTMLInputElement, page: TypeaheadPage): void {
  const rendered = page.action(Number(input.dataset.suggestionsAction));
  const listbox = document.getElementById(input.getAttribute('aria-controls') ?? '');
  if (!rendered || rendered.kind !== 'suggestions' || !listbox) {
    // Not a typeahead after all: its on-change action fires on the DOM's change, as for any input.
    input.addEventListener('change', () => {
      page.trigger(page.action(Number(input.dataset.changeAction)));
    });
    return;
  }
  let timer = 0;
  let active = -1;
  let request = 0;
  /**
   * The value the input's on-change action last fired with. Google: on-change fires once a
   * suggestion is selected; pressing Enter or leaving the field without modifying the selection
   * does not fire it again, editing the selection does; with no selection it fires on blur. The
   * DOM's own 'change' event fires on Enter and on blur whenever the value differs from when the
   * field got focus, so after a pick it would fire a second time for the same text.
   */
  let fired = input.value;
  const fireChange = (picked: boolean): void => {
    const change = page.action(Number(input.dataset.changeAction));
    if (!change || (!picked && input.value === fired)) return;
    fired = input.value;
    page.trigger(change);
  };
  const options = (): HTMLElement[] => Array.from(listbox.querySelectorAll<HTMLElement>('[role="option"]'));
  const close = (): void => {
    listbox.replaceChildren();
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number): void => {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    const current = all[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    }
  };
  const pick = (text: string): void => {
    input.value = text;
    close();
    input.focus();
    // Gmail fires the input's on-change action after a suggestion is selected.
    fireChange(true);
  };
  const fetchSuggestions = async (): Promise<void> => {
    const mine = ++request;
    const items = await page.suggest(rendered.action);
    if (mine !== request || document.activeElement !== input) return;
    listbox.replaceChildren(
      ...items.map((text, i) => {
        const option = document.createElement('li');
        option.id = `${listbox.id}-option-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = text;
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          pick(text);
        });
        return option;
      }),
    );
    listbox.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    active = -1;
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    request++;
    if (input.value.trim() === '') return close();
    timer = window.setTimeout(() => void fetchSuggestions(), SUGGESTION_PAUSE_MS);
  });
  input.addEventListener('keydown', (event) => {
    const open = !listbox.hidden && options().length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      highlight(active + 1);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      pick(options()[active]?.textContent ?? '');
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 150));
  // Typed text with no selection: on blur (and on Enter, where the DOM fires 'change' too).
  input.addEventListener('change', () => fireChange(false));
}
