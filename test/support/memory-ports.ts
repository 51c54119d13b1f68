/**
 * In-memory implementations of the store's ports (src/store/ports.ts) for unit tests of the pure
 * code: they count calls and can be told to fail the way Apps Script fails. `MemoryServices` puts
 * them together as the flow's Services (src/ui/flow.ts): one script store, cache and lock shared by
 * everyone, one user store per email, like the real add-on. The last section reads what the flow
 * gives back (card models, navigation) the way a person would, and builds the events it takes.
 */
import type { Reseller } from '../../src/domain/reseller';
import { StoreFullError } from '../../src/store/errors';
import type { Cache, KeyValueStore, ScriptLock } from '../../src/store/ports';
import { replaceDirectory } from '../../src/store/replace-directory';
import type {
  ActionRef,
  ActionResponseModel,
  ButtonModel,
  CardModel,
  NavigationStep,
  WidgetModel,
} from '../../src/cards/card-model';
import type { AddonEvent } from '../../src/ui/event';
import type { Services } from '../../src/ui/customer/flow';
import type { Html } from '../../src/cards/html';

export type StoreOperation = 'get' | 'getAll' | 'setAll' | 'delete' | 'replaceAll';

/** Properties in a Map. `full` makes setAll throw StoreFullError; `failWrites`/`failReads` throw those. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  readonly calls = { get: 0, getAll: 0, setAll: 0, delete: 0 };
  /** Counted apart: only the owner's sync rewrites the store, and the calls above keep their shape. */
  replaceAllCalls = 0;
  /** Every setAll's values, in order. */
  readonly writes: Record<string, string>[] = [];
  full = false;
  failWrites: Error | null = null;
  failReads: Error | null = null;
  /** Called before every operation (with the key for get and delete), e.g. to check a lock is held. */
  onAccess: ((operation: StoreOperation, key?: string) => void) | null = null;

  get(key: string): string | null {
    this.calls.get++;
    this.onAccess?.('get', key);
    if (this.failReads) throw this.failReads;
    return this.data.get(key) ?? null;
  }

  getAll(): Record<string, string> {
    this.calls.getAll++;
    this.onAccess?.('getAll');
    if (this.failReads) throw this.failReads;
    return Object.fromEntries(this.data);
  }

  setAll(values: Record<string, string>): void {
    this.calls.setAll++;
    this.onAccess?.('setAll');
    if (this.full) throw new StoreFullError();
    if (this.failWrites) throw this.failWrites;
    this.writes.push({ ...values });
    for (const [key, value] of Object.entries(values)) this.data.set(key, value);
  }

  delete(key: string): void {
    this.calls.delete++;
    this.onAccess?.('delete', key);
    this.data.delete(key);
  }

  replaceAll(values: Record<string, string>): void {
    this.replaceAllCalls++;
    this.onAccess?.('replaceAll');
    if (this.full) throw new StoreFullError();
    if (this.failWrites) throw this.failWrites;
    this.writes.push({ ...values });
    this.data.clear();
    for (const [key, value] of Object.entries(values)) this.data.set(key, value);
  }

  totalCalls(): number {
    return this.calls.get + this.calls.getAll + this.calls.setAll + this.calls.delete + this.replaceAllCalls;
  }

  resetCalls(): void {
    this.calls.get = this.calls.getAll = this.calls.setAll = this.calls.delete = 0;
    this.writes.length = 0;
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
}

export class MemoryCache implements Cache {
  readonly data = new Map<string, string>();
  readonly calls = { getAll: 0, putAll: 0 };
  /** The TTL of every putAll, in order. */
  readonly ttls: number[] = [];
  failReads: Error | null = null;

  getAll(keys: string[]): Record<string, string> {
    this.calls.getAll++;
    if (this.failReads) throw this.failReads;
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.data.get(key);
      if (value !== undefined) found[key] = value;
    }
    return found;
  }

  putAll(values: Record<string, string>, ttlSeconds: number): void {
    this.calls.putAll++;
    this.ttls.push(ttlSeconds);
    for (const [key, value] of Object.entries(values)) this.data.set(key, value);
  }

  totalCalls(): number {
    return this.calls.getAll + this.calls.putAll;
  }

  resetCalls(): void {
    this.calls.getAll = this.calls.putAll = 0;
    this.ttls.length = 0;
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
}

/**
 * Runs the critical section, or reports the lock as held by someone else when `busy`. `held` is true
 * while a critical section runs, so a test can check what happens under the lock.
 */
export class FakeLock implements ScriptLock {
  busy = false;
  held = false;
  readonly timeouts: number[] = [];

  withLock<T>(timeoutMs: number, critical: () => T): { acquired: true; value: T } | { acquired: false } {
    this.timeouts.push(timeoutMs);
    if (this.busy) return { acquired: false };
    const outer = this.held;
    this.held = true;
    try {
      return { acquired: true, value: critical() };
    } finally {
      this.held = outer;
    }
  }
}

export const SUPPORT_EMAIL = 'support@reseller-connect.example';

/** The flow's services on memory ports, with a directory (written and cached) to choose from. */
export class MemoryServices {
  readonly script = new MemoryStore();
  readonly cache = new MemoryCache();
  readonly lock = new FakeLock();
  readonly users = new Map<string, MemoryStore>();
  now: number;
  email: string;
  supportEmail = SUPPORT_EMAIL;

  constructor(options: { resellers: readonly Reseller[]; now: number; email: string; version?: string }) {
    this.now = options.now;
    this.email = options.email;
    replaceDirectory(this.script, this.cache, this.lock, options.resellers, options.version ?? 'demo-1');
    this.resetCalls();
  }

  userStore(email = this.email): MemoryStore {
    let store = this.users.get(email);
    if (!store) {
      store = new MemoryStore();
      this.users.set(email, store);
    }
    return store;
  }

  services(): Services {
    return {
      email: () => this.email,
      now: () => this.now,
      scriptStore: () => this.script,
      userStore: () => this.userStore(),
      cache: () => this.cache,
      lock: () => this.lock,
      supportEmail: () => this.supportEmail,
    };
  }

  /** setAll and delete calls on every store. */
  writes(): number {
    let writes = this.script.calls.setAll + this.script.calls.delete;
    for (const store of this.users.values()) writes += store.calls.setAll + store.calls.delete;
    return writes;
  }

  resetCalls(): void {
    this.script.resetCalls();
    this.cache.resetCalls();
    for (const store of this.users.values()) store.resetCalls();
  }
}

// ---------------------------------------------------------------------------------------------
// Reading card models the way a person (or Apps Script) would

/** What the user reads from an Html field: tags dropped, the five entities decoded once. */
export function htmlToText(value: Html): string {
  return value
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function widgetsOf(card: CardModel): WidgetModel[] {
  return card.sections.flatMap((section) => section.widgets);
}

export function buttonsOf(card: CardModel): ButtonModel[] {
  const buttons: ButtonModel[] = [];
  for (const widget of widgetsOf(card)) {
    if (widget.kind === 'buttons') buttons.push(...widget.buttons);
    if (widget.kind === 'fact' && widget.button) buttons.push(widget.button);
  }
  if (card.footer) buttons.push(card.footer.primary);
  if (card.footer?.secondary) buttons.push(card.footer.secondary);
  return buttons;
}

/** Every action the card can trigger: buttons, and a text input's suggestions and change action. */
export function actionsOf(card: CardModel): ActionRef[] {
  const actions = buttonsOf(card).map((button) => button.action);
  for (const widget of widgetsOf(card)) {
    if (widget.kind === 'textInput' && widget.suggestions) actions.push(widget.suggestions);
    if (widget.kind === 'textInput' && widget.onChange) actions.push(widget.onChange);
  }
  return actions;
}

export function htmlFieldsOf(card: CardModel): Html[] {
  const fields: Html[] = [];
  for (const section of card.sections) {
    if (section.header !== undefined) fields.push(section.header);
    for (const widget of section.widgets) {
      if (widget.kind === 'paragraph' || widget.kind === 'fact') fields.push(widget.html);
    }
  }
  return fields;
}

/** Everything on the card a person reads, one piece per line. */
export function readCard(card: CardModel): string {
  const parts: string[] = [card.title];
  if (card.subtitle) parts.push(card.subtitle);
  for (const section of card.sections) {
    if (section.header !== undefined) parts.push(htmlToText(section.header));
    for (const widget of section.widgets) {
      switch (widget.kind) {
        case 'paragraph':
          parts.push(htmlToText(widget.html));
          break;
        case 'fact':
          if (widget.label) parts.push(widget.label);
          parts.push(htmlToText(widget.html));
          if (widget.bottomLabel) parts.push(widget.bottomLabel);
          if (widget.button) parts.push(widget.button.text);
          break;
        case 'buttons':
          parts.push(...widget.buttons.map((b) => b.text));
          break;
        case 'textInput':
          parts.push(widget.label);
          if (widget.hint) parts.push(widget.hint);
          if (widget.value) parts.push(widget.value);
          break;
        case 'divider':
          break;
      }
    }
  }
  if (card.footer) parts.push(...buttonsOf({ ...card, sections: [] }).map((b) => b.text));
  return parts.join('\n');
}

export function button(card: CardModel, text: string): ButtonModel {
  const found = buttonsOf(card).find((b) => b.text === text);
  if (!found) {
    const texts = buttonsOf(card).map((b) => b.text);
    throw new Error(`No button "${text}" on card ${card.name}: ${texts.join(', ')}`);
  }
  return found;
}

export function paragraphs(card: CardModel): string[] {
  return widgetsOf(card).flatMap((w) => (w.kind === 'paragraph' ? [htmlToText(w.html)] : []));
}

export function facts(card: CardModel): Extract<WidgetModel, { kind: 'fact' }>[] {
  return widgetsOf(card).flatMap((w) => (w.kind === 'fact' ? [w] : []));
}

export function textInput(card: CardModel): Extract<WidgetModel, { kind: 'textInput' }> {
  const input = widgetsOf(card).find(
    (w): w is Extract<WidgetModel, { kind: 'textInput' }> => w.kind === 'textInput',
  );
  if (!input) throw new Error(`No text input on card ${card.name}`);
  return input;
}

/** The mailto links of the card's Html fields, as the addresses they open. */
export function mailtoLinks(card: CardModel): string[] {
  return htmlFieldsOf(card).flatMap((field) =>
    [...field.matchAll(/<a href="mailto:([^"]*)">/g)].map((m) => decodeURI(htmlToText((m[1] ?? '') as Html))),
  );
}

/**
 * Only our own markup: <b> tags and mailto links whose address is escaped. Every other <, > and &
 * is an entity.
 */
export function unsafeHtmlOf(card: CardModel): string[] {
  const problems: string[] = [];
  for (const field of htmlFieldsOf(card)) {
    const withoutOwnTags = field.replace(/<\/?b>|<a href="mailto:[^"<>]*">|<\/a>/g, '');
    if (/[<>]/.test(withoutOwnTags) || /&(?!(amp|lt|gt|quot|#39);)/.test(withoutOwnTags))
      problems.push(field);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Events and navigation

export interface EventInput {
  locale?: string;
  parameters?: Record<string, string>;
  form?: Record<string, string>;
}

/** An event as Gmail sends it to a V8 add-on, in UTC. */
export function addonEvent(input: EventInput = {}): AddonEvent {
  const formInputs: Record<string, { stringInputs: { value: string[] } }> = {};
  for (const [name, value] of Object.entries(input.form ?? {}))
    formInputs[name] = { stringInputs: { value: [value] } };
  const sent = {
    commonEventObject: {
      hostApp: 'GMAIL' as const,
      platform: 'WEB' as const,
      userLocale: input.locale ?? 'en-GB',
      timeZone: { id: 'Etc/UTC', offset: '0' },
      parameters: input.parameters ?? {},
      formInputs,
    },
  };
  // @types requires the Rhino-era "" wrapper around every form input, which V8 does not send.
  return sent as unknown as AddonEvent;
}

export function stepCard(step: NavigationStep | undefined, kind: 'push' | 'update'): CardModel {
  if (step && kind === 'push' && 'push' in step) return step.push;
  if (step && kind === 'update' && 'update' in step) return step.update;
  throw new Error(`Expected a ${kind} step, got ${JSON.stringify(step)}`);
}

/** The card a response shows: pushed, or updated (after popping, if it pops). */
export function shownCard(response: ActionResponseModel): CardModel {
  const last = response.navigation.at(-1);
  return stepCard(last, last && 'push' in last ? 'push' : 'update');
}

/**
 * Silences console.error and console.warn for each test of the file and records the calls, so that
 * a test can check what the code logged for support.
 */
export function captureConsole(): { readonly error: jest.SpyInstance; readonly warn: jest.SpyInstance } {
  const spies: { error?: jest.SpyInstance; warn?: jest.SpyInstance } = {};
  beforeEach(() => {
    spies.error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    spies.warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    spies.error?.mockRestore();
    spies.warn?.mockRestore();
  });
  return {
    get error(): jest.SpyInstance {
      if (!spies.error) throw new Error('captureConsole: only inside a test');
      return spies.error;
    },
    get warn(): jest.SpyInstance {
      if (!spies.warn) throw new Error('captureConsole: only inside a test');
      return spies.warn;
    },
  };
}
