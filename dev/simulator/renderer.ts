/**
 * A pure renderer from google.apps.card.v1 card JSON (as emitted by dev/runtime/card-service.ts) to the HTML of
 * a Gmail-like sidebar card. No DOM and no Node APIs: esbuild bundles it for the simulator page and jest runs
 * it under node. Styles live in dev/simulator/public/sidebar.css; every class is prefixed `rc-`.
 *
 * CONTRACT WITH THE CALLER (the simulator page)
 *
 *   const { html, actions } = renderCard(card, { idPrefix: 'card3' });
 *
 * - `html` is one `<article class="rc-card">`. Element ids all start with `idPrefix` followed by `-`, so several
 *   cards can be on one page when each gets its own prefix.
 * - `data-action="<i>"`: clicking this element triggers `actions[i]`, which is one of
 *     { kind: 'action', action }              run the add-on function with the form inputs
 *     { kind: 'openLink', openLink }          open openLink.url (openAs / onClose as given)
 *     { kind: 'openDynamicLink', action }     run the action, then open the link it returns
 *     { kind: 'card', card }                  push this card onto the stack
 *   Elements with data-action are real `<button type="button">` elements, so they are keyboard-operable with
 *   a plain `click` listener. Disabled buttons keep their data-action but carry `disabled`.
 * - `data-spinner="true"`: the action asks for `loadIndicator: SPINNER`; show a spinner while it runs.
 * - `data-grid-item-id="<id>"`: on a grid item; all items of a grid share the grid's data-action. Google
 *   tells the add-on which item was clicked by its id; the caller adds it to the event.
 * - `data-change-action="<i>"`: on a form control whose widget has onChangeAction; `actions[i]` is
 *   { kind: 'onChange', action, fieldName }. Listen for `change` (all controls of a checkbox / radio group
 *   carry the same index).
 * - `data-suggestions-action="<i>"`: on a text input with autoCompleteAction; `actions[i]` is
 *   { kind: 'suggestions', action, fieldName }. Such an input is an ARIA combobox (role="combobox",
 *   aria-autocomplete="list", aria-expanded="false", aria-controls="<listbox id>"). The listbox is an empty
 *   `<ul role="listbox" hidden>`: the caller fills it with `<li role="option" id=… aria-selected=…>` items,
 *   un-hides it, sets aria-expanded="true" and aria-activedescendant on the input as the user moves.
 * - Form values: every form control has `name="<field name>"` and `data-field="<field name>"`. Checkbox,
 *   switch and multi-select groups are several checkboxes sharing one name (collect every checked value);
 *   radio groups are radios sharing one name; a dropdown is a single `<select>`. A decoratedText switch is a
 *   checkbox whose value is switchControl.value (the browser's default "on" when unset).
 *   A date/time picker is `<input type="date|time|datetime-local">` with `data-picker-type` (the card's
 *   type) and, for DATE_AND_TIME, `data-timezone-offset` (minutes east of UTC the value is displayed in).
 * - Collapsible sections use `<details class="rc-collapse">`/`<summary>`: they need no script.
 * - Anything the renderer does not understand (an unknown widget, field, enum value or onClick kind) is shown
 *   as `<div class="rc-unknown" role="note">Unsupported …</div>`, never dropped silently.
 * - Objects in `actions` are the card's own objects, not copies.
 *
 * TEXT SAFETY
 * Fields that card v1 documents as formatted text (textParagraph.text, decoratedText.text, section header) go
 * through `sanitizeFormattedText`: a small tokenizer that keeps only Google's HTML subset (<b> <i> <u> <s>
 * <strike> <br> <font color> <a href="http(s)://…" or "mailto:…">) and escapes everything else so that it shows as text.
 * Every other field is plain text and goes through `escapeHtml`.
 */
import { KNOWN_ICONS } from '../runtime/card-icons';
import type {
  ActionJson,
  BorderStyleJson,
  ButtonJson,
  CardActionJson,
  CardHeaderJson,
  CardJson,
  ColorJson,
  DateTimePickerJson,
  DecoratedTextJson,
  FixedFooterJson,
  GridItemJson,
  GridJson,
  IconJson,
  ImageComponentJson,
  ImageJson,
  OnClickJson,
  OpenLinkJson,
  SectionJson,
  SelectionInputJson,
  SelectionItemJson,
  SwitchControlJson,
  TextInputJson,
  WidgetJson,
} from '../runtime/card-service';

// ---------------------------------------------------------------------------------------------------------
// Public API.
// ---------------------------------------------------------------------------------------------------------

export interface RenderOptions {
  /** Prefix of every element id in the card; must be unique on the page. */
  idPrefix: string;
  /**
   * The user's time zone as minutes east of UTC, for DATE_AND_TIME pickers without timezoneOffsetDate
   * (Google then uses the user's setting). Defaults to 0 (UTC).
   */
  timeZoneOffsetMinutes?: number;
}

export type RenderedAction =
  | { kind: 'action'; action: ActionJson }
  | { kind: 'openLink'; openLink: OpenLinkJson }
  | { kind: 'openDynamicLink'; action: ActionJson }
  | { kind: 'card'; card: CardJson }
  | { kind: 'onChange'; action: ActionJson; fieldName: string }
  | { kind: 'suggestions'; action: ActionJson; fieldName: string };

export interface RenderedCard {
  html: string;
  actions: RenderedAction[];
}

export interface SanitizeOptions {
  /**
   * When false, <a> tags are dropped (their text stays): for text that sits inside another interactive
   * element (a clickable decoratedText is a <button>), where a nested link would be invalid. Default true.
   */
  allowLinks?: boolean;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Plain text to HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Google's card HTML subset to safe HTML; see the file comment. */
export function sanitizeFormattedText(html: string, options: SanitizeOptions = {}): string {
  return serializeFormatted(tokenizeFormatted(html), options.allowLinks ?? true);
}

/** What a person reads of formatted text: tags removed, entities decoded, <br> as a newline. */
export function formattedTextToPlain(html: string): string {
  return tokenizeFormatted(html)
    .map((token) => (token.type === 'text' ? token.text : token.type === 'br' ? '\n' : ''))
    .join('');
}

export function renderCard(card: CardJson, options: RenderOptions): RenderedCard {
  const ctx = new RenderContext(options);
  const html = renderCardBody(ctx, card);
  return { html, actions: ctx.actions };
}

// ---------------------------------------------------------------------------------------------------------
// Formatted text: tokenizer and serializer. Hand-written rather than regex replacement, so that the output
// is rebuilt from parsed pieces: only canonical allowed tags are emitted and every other `<` is escaped.
// ---------------------------------------------------------------------------------------------------------

type FormattedTag = 'b' | 'i' | 'u' | 's' | 'strike' | 'font' | 'a';

type FormattedToken =
  | { type: 'text'; text: string }
  | { type: 'br' }
  | { type: 'open'; tag: FormattedTag; attributes: Map<string, string> }
  | { type: 'close'; tag: FormattedTag };

const CONTAINER_TAGS: ReadonlySet<string> = new Set<FormattedTag>([
  'b',
  'i',
  'u',
  's',
  'strike',
  'font',
  'a',
]);

/** A small table of named character references; any other `&name;` is shown literally. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  iexcl: '¡',
  iquest: '¿',
  szlig: 'ß',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  atilde: 'ã',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  iacute: 'í',
  igrave: 'ì',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  oacute: 'ó',
  ograve: 'ò',
  ocirc: 'ô',
  otilde: 'õ',
  oslash: 'ø',
  uacute: 'ú',
  ugrave: 'ù',
  ucirc: 'û',
  yacute: 'ý',
  yuml: 'ÿ',
  Aacute: 'Á',
  Agrave: 'À',
  Aring: 'Å',
  AElig: 'Æ',
  Ccedil: 'Ç',
  Eacute: 'É',
  Egrave: 'È',
  Ntilde: 'Ñ',
  Oacute: 'Ó',
  Oslash: 'Ø',
  Uacute: 'Ú',
};

function isAsciiWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

function isAsciiLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function isAsciiAlphanumeric(c: string): boolean {
  return isAsciiLetter(c) || (c >= '0' && c <= '9');
}

function isHexDigit(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/** A character reference at `start` (which holds `&`), or undefined when there is none. */
function readEntity(input: string, start: number): { text: string; end: number } | undefined {
  let i = start + 1;
  if (input.charAt(i) === '#') {
    i++;
    const hex = input.charAt(i) === 'x' || input.charAt(i) === 'X';
    if (hex) i++;
    const digitsStart = i;
    while (i < input.length && i - digitsStart < 8 && (hex ? isHexDigit : isDecimalDigit)(input.charAt(i)))
      i++;
    if (i === digitsStart) return undefined;
    const codePoint = parseInt(input.slice(digitsStart, i), hex ? 16 : 10);
    if (input.charAt(i) === ';') i++; // like browsers, a numeric reference may omit the semicolon
    const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return { text: valid ? String.fromCodePoint(codePoint) : '\ufffd', end: i };
  }
  const nameStart = i;
  while (i < input.length && i - nameStart < 32 && isAsciiAlphanumeric(input.charAt(i))) i++;
  if (i === nameStart || input.charAt(i) !== ';') return undefined;
  const name = input.slice(nameStart, i);
  const text = Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : undefined;
  return text === undefined ? undefined : { text, end: i + 1 };
}

function isDecimalDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Decodes the character references that `readEntity` knows; anything else stays as it is. */
function decodeEntities(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    const entity = c === '&' ? readEntity(text, i) : undefined;
    if (entity) {
      out += entity.text;
      i = entity.end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

interface ParsedTag {
  name: string;
  closing: boolean;
  attributes: Map<string, string>;
  end: number;
}

/**
 * A tag at `start` (which holds `<`), read the way an HTML tokenizer reads one: a letter starts the name,
 * which runs to whitespace, `/` or `>`; attribute values may be quoted. Undefined when this is not a
 * complete tag (no letter after `<`, or the input ends before `>`), in which case `<` is just text.
 */
function readTag(input: string, start: number): ParsedTag | undefined {
  let i = start + 1;
  const closing = input.charAt(i) === '/';
  if (closing) i++;
  if (!isAsciiLetter(input.charAt(i))) return undefined;
  const nameStart = i;
  while (i < input.length) {
    const c = input.charAt(i);
    if (isAsciiWhitespace(c) || c === '/' || c === '>') break;
    i++;
  }
  const name = input.slice(nameStart, i).toLowerCase();
  const attributes = new Map<string, string>();
  for (;;) {
    while (i < input.length && (isAsciiWhitespace(input.charAt(i)) || input.charAt(i) === '/')) i++;
    if (i >= input.length) return undefined;
    if (input.charAt(i) === '>') return { name, closing, attributes, end: i + 1 };
    const attributeStart = i;
    i++; // the first character belongs to the name even when it is `=`
    while (i < input.length) {
      const c = input.charAt(i);
      if (isAsciiWhitespace(c) || c === '/' || c === '>' || c === '=') break;
      i++;
    }
    const attributeName = input.slice(attributeStart, i).toLowerCase();
    let j = i;
    while (j < input.length && isAsciiWhitespace(input.charAt(j))) j++;
    let value = '';
    if (input.charAt(j) === '=') {
      j++;
      while (j < input.length && isAsciiWhitespace(input.charAt(j))) j++;
      const quote = input.charAt(j);
      if (quote === '"' || quote === "'") {
        const close = input.indexOf(quote, j + 1);
        if (close < 0) return undefined;
        value = input.slice(j + 1, close);
        j = close + 1;
      } else {
        const valueStart = j;
        while (j < input.length && !isAsciiWhitespace(input.charAt(j)) && input.charAt(j) !== '>') j++;
        value = input.slice(valueStart, j);
      }
      i = j;
    }
    // The first occurrence of an attribute wins, as in browsers.
    if (!attributes.has(attributeName)) attributes.set(attributeName, decodeEntities(value));
  }
}

function tokenizeFormatted(input: string): FormattedToken[] {
  const tokens: FormattedToken[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') tokens.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (c === '<') {
      const tag = readTag(input, i);
      if (tag && (tag.name === 'br' || CONTAINER_TAGS.has(tag.name))) {
        flush();
        if (tag.name === 'br') {
          // `</br>` is read as `<br>` by browsers too.
          tokens.push({ type: 'br' });
        } else if (tag.closing) {
          tokens.push({ type: 'close', tag: tag.name as FormattedTag });
        } else {
          tokens.push({ type: 'open', tag: tag.name as FormattedTag, attributes: tag.attributes });
        }
        i = tag.end;
        continue;
      }
      // Not an allowed tag: the `<` is text, and scanning goes on right after it.
      text += '<';
      i++;
      continue;
    }
    if (c === '&') {
      const entity = readEntity(input, i);
      if (entity) {
        text += entity.text;
        i = entity.end;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return tokens;
}

/** `https://…` or `http://…` (after decoding and trimming), else undefined. */
function safeHref(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) return undefined;
  // Web links, and mail links such as the support address (Gmail opens a new message for them).
  return /^https?:\/\/[^/\\]/i.test(url) || /^mailto:[^\s<>"'@]+@[^\s<>"'@]+$/i.test(url) ? url : undefined;
}

/** `#rgb`, `#rrggbb` or a colour name, else undefined. */
function safeColor(raw: string | undefined): string | undefined {
  const color = raw?.trim();
  if (color === undefined) return undefined;
  return /^(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]{1,30})$/i.test(color) ? color : undefined;
}

function serializeFormatted(tokens: readonly FormattedToken[], allowLinks: boolean): string {
  // Open elements with the markup that closes each ('' when the tag was dropped but must still be matched).
  const open: { tag: FormattedTag; close: string }[] = [];
  let out = '';
  const closeDownTo = (index: number): void => {
    while (open.length > index) out += open.pop()?.close ?? '';
  };
  for (const token of tokens) {
    if (token.type === 'text') {
      out += escapeHtml(token.text);
    } else if (token.type === 'br') {
      out += '<br>';
    } else if (token.type === 'close') {
      const index = open.map((entry) => entry.tag).lastIndexOf(token.tag);
      // A close tag without an open one is dropped; one that closes across others closes those too.
      if (index >= 0) closeDownTo(index);
    } else if (token.tag === 'a') {
      // Links do not nest: a new one ends the previous, as in browsers.
      const index = open.map((entry) => entry.tag).lastIndexOf('a');
      if (index >= 0) closeDownTo(index);
      const href = allowLinks ? safeHref(token.attributes.get('href')) : undefined;
      if (href === undefined) {
        open.push({ tag: 'a', close: '' });
      } else {
        out += `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">`;
        open.push({ tag: 'a', close: '</a>' });
      }
    } else if (token.tag === 'font') {
      const color = safeColor(token.attributes.get('color'));
      if (color === undefined) {
        open.push({ tag: 'font', close: '' });
      } else {
        out += `<font color="${escapeHtml(color)}">`;
        open.push({ tag: 'font', close: '</font>' });
      }
    } else {
      out += `<${token.tag}>`;
      open.push({ tag: token.tag, close: `</${token.tag}>` });
    }
  }
  closeDownTo(0);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering context and small helpers.
// ---------------------------------------------------------------------------------------------------------

class RenderContext {
  readonly actions: RenderedAction[] = [];
  readonly timeZoneOffsetMinutes: number;
  private readonly prefix: string;
  private counter = 0;

  constructor(options: RenderOptions) {
    this.prefix = options.idPrefix.replace(/\s+/g, '-') || 'rc';
    this.timeZoneOffsetMinutes = options.timeZoneOffsetMinutes ?? 0;
  }

  id(kind: string): string {
    this.counter++;
    return `${this.prefix}-${kind}${this.counter}`;
  }

  addAction(action: RenderedAction): number {
    this.actions.push(action);
    return this.actions.length - 1;
  }
}

/** Placeholders for things the renderer does not know, collected per widget and shown after it. */
type Notes = string[];

function placeholder(text: string): string {
  return `<div class="rc-unknown" role="note">${escapeHtml(text)}</div>`;
}

function attr(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeHtml(String(value))}"`;
}

function flag(name: string, on: boolean | undefined): string {
  return on ? ` ${name}` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** A placeholder for every key of `value` that is not in `known`. */
function checkFields(value: object | undefined, known: readonly string[], where: string, notes: Notes): void {
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) notes.push(placeholder(`Unsupported field: ${where}.${key}`));
  }
}

function checkEnum(
  value: string | undefined,
  known: readonly string[],
  where: string,
  notes: Notes,
): string | undefined {
  if (value === undefined) return undefined;
  if (known.includes(value)) return value;
  notes.push(placeholder(`Unsupported value of ${where}: ${value}`));
  return undefined;
}

function fieldAttributes(name: string | undefined, where: string, notes: Notes): string {
  if (name === undefined || name === '') {
    notes.push(placeholder(`${where} has no field name: its value is not sent to the add-on`));
  }
  return attr('name', name ?? '') + attr('data-field', name ?? '');
}

function spinnerAttribute(action: ActionJson): string {
  return action.loadIndicator === 'SPINNER' ? ' data-spinner="true"' : '';
}

/** `data-action` (and `data-spinner`) for an onClick, or '' when there is none that the renderer knows. */
function clickAttributes(
  ctx: RenderContext,
  onClick: OnClickJson | undefined,
  where: string,
  notes: Notes,
): string {
  if (!isRecord(onClick)) return '';
  const keys = Object.keys(onClick);
  if (keys.length !== 1) {
    notes.push(placeholder(`${where} must set exactly one of action, openLink, openDynamicLinkAction, card`));
  }
  if ('action' in onClick) {
    const index = ctx.addAction({ kind: 'action', action: onClick.action });
    return ` data-action="${index}"${spinnerAttribute(onClick.action)}`;
  }
  if ('openLink' in onClick) {
    return ` data-action="${ctx.addAction({ kind: 'openLink', openLink: onClick.openLink })}"`;
  }
  if ('openDynamicLinkAction' in onClick) {
    const action = onClick.openDynamicLinkAction;
    return ` data-action="${ctx.addAction({ kind: 'openDynamicLink', action })}"${spinnerAttribute(action)}`;
  }
  if ('card' in onClick) {
    return ` data-action="${ctx.addAction({ kind: 'card', card: onClick.card })}"`;
  }
  for (const key of keys) notes.push(placeholder(`Unsupported onClick: ${where}.${key}`));
  return '';
}

function changeAttributes(
  ctx: RenderContext,
  action: ActionJson | undefined,
  fieldName: string | undefined,
): string {
  if (!action) return '';
  const index = ctx.addAction({ kind: 'onChange', action, fieldName: fieldName ?? '' });
  return ` data-change-action="${index}"${spinnerAttribute(action)}`;
}

/** google.type.Color (fractions in [0, 1]) as #rrggbb. */
function colorHex(color: ColorJson): string {
  const channel = (value: number | undefined): string => {
    const fraction =
      typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
    return Math.round(fraction * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(color.red)}${channel(color.green)}${channel(color.blue)}`;
}

/** Black or white, whichever contrasts more with the colour (WCAG relative luminance). */
function contrastingText(color: ColorJson): string {
  const linear = (value: number | undefined): number => {
    const c = typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(color.red) + 0.7152 * linear(color.green) + 0.0722 * linear(color.blue);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

// ---------------------------------------------------------------------------------------------------------
// Icons and image placeholders. The simulator has no network, so no remote URL (icon, image, header image)
// is ever loaded: images are placeholder boxes showing their alt text, icons are Unicode stand-ins.
// ---------------------------------------------------------------------------------------------------------

/**
 * Stand-ins for Google's built-in icons, from symbols that common fonts have (emoji fonts are often missing
 * where the simulator runs headless). Icons without one show their name's first letter.
 */
const KNOWN_ICON_GLYPHS: Record<string, string> = {
  AIRPLANE: '✈',
  BOOKMARK: '⚑',
  CLOCK: '◷',
  DOLLAR: '$',
  DESCRIPTION: '≡',
  EMAIL: '✉',
  FLIGHT_ARRIVAL: '✈',
  FLIGHT_DEPARTURE: '✈',
  MAP_PIN: '⌖',
  PHONE: '☎',
  STAR: '★',
  VIDEO_PLAY: '▶',
};

const ICON_FIELDS = ['knownIcon', 'iconUrl', 'materialIcon', 'altText', 'imageType'] as const;
const MATERIAL_ICON_FIELDS = ['name', 'fill', 'weight', 'grade'] as const;
const IMAGE_TYPES = ['SQUARE', 'CIRCLE'] as const;

function humanize(enumName: string): string {
  const words = enumName.toLowerCase().replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A short readable name for an icon, for buttons that have nothing else to be named by. */
function iconName(icon: IconJson | undefined): string | undefined {
  if (!icon) return undefined;
  if (icon.altText) return icon.altText;
  if (icon.knownIcon) return humanize(icon.knownIcon);
  if (icon.materialIcon?.name) return humanize(icon.materialIcon.name);
  return undefined;
}

function renderIcon(icon: IconJson, where: string, notes: Notes, decorative: boolean): string {
  checkFields(icon, ICON_FIELDS, where, notes);
  let glyph = '◆';
  let source: string | undefined;
  if (icon.knownIcon !== undefined) {
    if (!KNOWN_ICONS.includes(icon.knownIcon)) {
      notes.push(placeholder(`Unsupported value of ${where}.knownIcon: ${icon.knownIcon}`));
    }
    glyph = KNOWN_ICON_GLYPHS[icon.knownIcon] ?? icon.knownIcon.charAt(0);
    source = icon.knownIcon;
  } else if (icon.materialIcon !== undefined) {
    // Material Symbols come from a web font, which the offline simulator does not have.
    checkFields(icon.materialIcon, MATERIAL_ICON_FIELDS, `${where}.materialIcon`, notes);
    glyph = (icon.materialIcon.name ?? '').charAt(0).toUpperCase() || glyph;
    source = `material:${icon.materialIcon.name ?? ''}`;
  } else if (icon.iconUrl !== undefined) {
    glyph = '▣'; // a remote image: not loaded
    source = icon.iconUrl;
  }
  const crop = checkEnum(icon.imageType, IMAGE_TYPES, `${where}.imageType`, notes);
  const classes = `rc-icon${crop === 'CIRCLE' ? ' rc-icon--circle' : ''}`;
  const accessible =
    !decorative && icon.altText ? ` role="img"${attr('aria-label', icon.altText)}` : ' aria-hidden="true"';
  return `<span class="${classes}"${accessible}${attr('title', icon.altText)}${attr('data-icon', source)}>${escapeHtml(glyph)}</span>`;
}

/** A box standing in for a remote image, showing its alt text. */
function imagePlaceholder(
  url: string | undefined,
  altText: string | undefined,
  extraClass: string,
  style?: string,
): string {
  const alt = altText?.trim() ? altText : undefined;
  const shown = alt ?? 'Image without alt text';
  return (
    `<span class="rc-image-placeholder${extraClass}" role="img"${attr('aria-label', shown)}` +
    `${attr('title', url)}${attr('style', style)}><span class="rc-image-placeholder__alt" aria-hidden="true">` +
    `${escapeHtml(shown)}</span></span>`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Buttons.
// ---------------------------------------------------------------------------------------------------------

const BUTTON_FIELDS = ['text', 'icon', 'color', 'onClick', 'disabled', 'altText', 'type'] as const;
const BUTTON_CLASSES: Record<string, string> = {
  TYPE_UNSPECIFIED: 'outlined',
  OUTLINED: 'outlined',
  FILLED: 'filled',
  FILLED_TONAL: 'tonal',
  BORDERLESS: 'borderless',
};

function renderButton(
  ctx: RenderContext,
  button: ButtonJson,
  where: string,
  notes: Notes,
  defaultType = 'OUTLINED',
): string {
  checkFields(button, BUTTON_FIELDS, where, notes);
  if (!button.onClick) notes.push(placeholder(`${where} has no onClick: clicking it does nothing`));
  const click = clickAttributes(ctx, button.onClick, `${where}.onClick`, notes);
  // card.proto: "If the color field is set, the button type is forced to FILLED".
  const type = button.color ? 'FILLED' : (button.type ?? defaultType);
  let variant = BUTTON_CLASSES[type];
  if (variant === undefined) {
    notes.push(placeholder(`Unsupported value of ${where}.type: ${type}`));
    variant = 'outlined';
  }
  const style = button.color
    ? `--rc-button-bg: ${colorHex(button.color)}; --rc-button-fg: ${contrastingText(button.color)}`
    : undefined;
  const text = button.text ?? '';
  const icon = button.icon ? renderIcon(button.icon, `${where}.icon`, notes, true) : '';
  // A button with text is named by it (altText becomes a tooltip); an icon-only button needs a name.
  const label = text === '' ? (button.altText ?? iconName(button.icon) ?? 'Button') : undefined;
  return (
    `<button type="button" class="rc-button rc-button--${variant}"${click}${attr('style', style)}` +
    `${attr('aria-label', label)}${attr('title', button.altText)}${flag('disabled', button.disabled)}>` +
    `${icon}${text === '' ? '' : `<span class="rc-button__text">${escapeHtml(text)}</span>`}</button>`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Card, header, sections.
// ---------------------------------------------------------------------------------------------------------

const CARD_FIELDS = [
  'header',
  'name',
  'sections',
  'fixedFooter',
  'displayStyle',
  'peekCardHeader',
  'cardActions',
] as const;
const HEADER_FIELDS = ['title', 'subtitle', 'imageType', 'imageUrl', 'imageAltText'] as const;
const SECTION_FIELDS = ['header', 'widgets', 'collapsible', 'uncollapsibleWidgetsCount'] as const;
const CARD_ACTION_FIELDS = ['actionLabel', 'onClick'] as const;
const FOOTER_FIELDS = ['primaryButton', 'secondaryButton'] as const;
const DISPLAY_STYLES = ['DISPLAY_STYLE_UNSPECIFIED', 'PEEK', 'REPLACE'] as const;

function renderCardBody(ctx: RenderContext, card: CardJson): string {
  const notes: Notes = [];
  checkFields(card, CARD_FIELDS, 'card', notes);
  const displayStyle = checkEnum(card.displayStyle, DISPLAY_STYLES, 'card.displayStyle', notes);
  if (card.peekCardHeader) {
    // Only contextual cards in PEEK style show it, and the simulated sidebar shows the homepage stack.
    notes.push(placeholder(`Unsupported field: card.peekCardHeader ("${card.peekCardHeader.title ?? ''}")`));
  }
  const menu = renderCardActions(ctx, list(card.cardActions), notes);
  const header = card.header ? renderHeader(ctx, card.header, menu, notes) : '';
  const sections = list(card.sections).map((section, index) => renderSection(ctx, section, index));
  const footer = card.fixedFooter ? renderFooter(ctx, card.fixedFooter, notes) : '';
  const headerOrMenu = header || (menu ? `<div class="rc-card__toolbar">${menu}</div>` : '');
  return (
    `<article class="rc-card"${attr('data-card-name', card.name)}${attr('data-display-style', displayStyle)}>` +
    `${headerOrMenu}${notes.length ? `<div class="rc-card__notes">${notes.join('')}</div>` : ''}` +
    `<div class="rc-card__body">${sections.join('')}</div>${footer}</article>`
  );
}

function renderHeader(ctx: RenderContext, header: CardHeaderJson, menu: string, notes: Notes): string {
  checkFields(header, HEADER_FIELDS, 'card.header', notes);
  const crop = checkEnum(header.imageType, IMAGE_TYPES, 'card.header.imageType', notes);
  const image =
    header.imageUrl !== undefined
      ? imagePlaceholder(
          header.imageUrl,
          header.imageAltText,
          ` rc-card-header__image${crop === 'CIRCLE' ? ' rc-image-placeholder--circle' : ''}`,
        )
      : '';
  const subtitle = header.subtitle
    ? `<p class="rc-card-header__subtitle">${escapeHtml(header.subtitle)}</p>`
    : '';
  return (
    `<header class="rc-card-header">${image}<div class="rc-card-header__text">` +
    `<h2 class="rc-card-header__title"${attr('id', ctx.id('title'))}>${escapeHtml(header.title ?? '')}</h2>` +
    `${subtitle}</div>${menu}</header>`
  );
}

/** card.cardActions: the card's overflow menu, as a <details> disclosure of buttons. */
function renderCardActions(ctx: RenderContext, cardActions: CardActionJson[], notes: Notes): string {
  if (cardActions.length === 0) return '';
  const items = cardActions.map((cardAction, index) => {
    const where = `card.cardActions[${index}]`;
    checkFields(cardAction, CARD_ACTION_FIELDS, where, notes);
    const click = clickAttributes(ctx, cardAction.onClick, `${where}.onClick`, notes);
    return (
      `<li><button type="button" class="rc-menu__item"${click}>` +
      `${escapeHtml(cardAction.actionLabel ?? '')}</button></li>`
    );
  });
  return (
    `<details class="rc-menu"><summary class="rc-menu__toggle" aria-label="More actions">` +
    `<span aria-hidden="true">⋮</span></summary><ul class="rc-menu__list">${items.join('')}</ul></details>`
  );
}

function renderSection(ctx: RenderContext, section: SectionJson, index: number): string {
  const notes: Notes = [];
  checkFields(section, SECTION_FIELDS, `sections[${index}]`, notes);
  const header = section.header
    ? `<h3 class="rc-section__header">${sanitizeFormattedText(section.header)}</h3>`
    : '';
  const widgets = list(section.widgets).map((widget) => renderWidget(ctx, widget));
  let body = widgets.join('');
  if (section.collapsible) {
    const count = Math.max(0, Math.trunc(section.uncollapsibleWidgetsCount ?? 0));
    if (widgets.length > count) {
      const hidden = widgets.slice(count).join('');
      body =
        widgets.slice(0, count).join('') +
        `<details class="rc-collapse"><summary class="rc-collapse__toggle">` +
        `<span class="rc-collapse__more">Show more</span><span class="rc-collapse__less">Show less</span>` +
        `</summary><div class="rc-collapse__content">${hidden}</div></details>`;
    }
  }
  return `<section class="rc-section">${header}${notes.join('')}${body}</section>`;
}

function renderFooter(ctx: RenderContext, footer: FixedFooterJson, notes: Notes): string {
  checkFields(footer, FOOTER_FIELDS, 'card.fixedFooter', notes);
  const buttons: string[] = [];
  const footerNotes: Notes = [];
  if (footer.primaryButton) {
    buttons.push(
      renderButton(ctx, footer.primaryButton, 'card.fixedFooter.primaryButton', footerNotes, 'FILLED'),
    );
  }
  if (footer.secondaryButton) {
    buttons.push(renderButton(ctx, footer.secondaryButton, 'card.fixedFooter.secondaryButton', footerNotes));
  }
  return (
    `<footer class="rc-card__footer">${footerNotes.join('')}` +
    `<div class="rc-card__footer-buttons">${buttons.join('')}</div></footer>`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Widgets.
// ---------------------------------------------------------------------------------------------------------

type WidgetRenderer = (ctx: RenderContext, data: object, notes: Notes) => string;

const WIDGET_RENDERERS: Record<string, WidgetRenderer> = {
  textParagraph: (ctx, data, notes) => renderTextParagraph(data as { text?: string }, notes),
  decoratedText: (ctx, data, notes) => renderDecoratedText(ctx, data as DecoratedTextJson, notes),
  buttonList: (ctx, data, notes) => renderButtonList(ctx, data as { buttons?: ButtonJson[] }, notes),
  textInput: (ctx, data, notes) => renderTextInput(ctx, data as TextInputJson, notes),
  selectionInput: (ctx, data, notes) => renderSelectionInput(ctx, data as SelectionInputJson, notes),
  dateTimePicker: (ctx, data, notes) => renderDateTimePicker(ctx, data as DateTimePickerJson, notes),
  divider: (ctx, data, notes) => renderDivider(data, notes),
  image: (ctx, data, notes) => renderImage(ctx, data as ImageJson, notes),
  grid: (ctx, data, notes) => renderGrid(ctx, data as GridJson, notes),
};

const ALIGNMENTS: Record<string, string> = {
  HORIZONTAL_ALIGNMENT_UNSPECIFIED: '',
  START: '',
  CENTER: ' rc-widget--center',
  END: ' rc-widget--end',
};

function renderWidget(ctx: RenderContext, widget: WidgetJson): string {
  if (!isRecord(widget)) return placeholder('Unsupported widget: not an object');
  const { horizontalAlignment, ...kinds } = widget as Record<string, unknown>;
  const notes: Notes = [];
  let alignment = '';
  if (typeof horizontalAlignment === 'string') {
    alignment = ALIGNMENTS[horizontalAlignment] ?? '';
    if (ALIGNMENTS[horizontalAlignment] === undefined) {
      notes.push(placeholder(`Unsupported value of widget.horizontalAlignment: ${horizontalAlignment}`));
    }
  }
  const names = Object.keys(kinds);
  if (names.length === 0) return placeholder('Unsupported widget: (empty widget)');
  const rendered = names.map((kind) => {
    const render = WIDGET_RENDERERS[kind];
    if (!render) return placeholder(`Unsupported widget: ${kind}`);
    const data = kinds[kind];
    if (!isRecord(data)) return placeholder(`Unsupported widget: ${kind} is not an object`);
    const widgetNotes: Notes = [];
    let body: string;
    try {
      body = render(ctx, data, widgetNotes);
    } catch (error) {
      body = placeholder(
        `Could not render ${kind}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return (
      `<div class="rc-widget rc-widget--${kind}${alignment}">${notes.join('')}${body}` +
      `${widgetNotes.join('')}</div>`
    );
  });
  if (names.length > 1) {
    rendered.push(placeholder(`A widget must have exactly one kind, this one has: ${names.join(', ')}`));
  }
  return rendered.join('');
}

function renderTextParagraph(paragraph: { text?: string }, notes: Notes): string {
  checkFields(paragraph, ['text'], 'textParagraph', notes);
  return `<div class="rc-text-paragraph">${sanitizeFormattedText(paragraph.text ?? '')}</div>`;
}

function renderDivider(data: object, notes: Notes): string {
  checkFields(data, [], 'divider', notes);
  return '<hr class="rc-divider">';
}

// ---- decoratedText ----------------------------------------------------------------------------------------

const DECORATED_FIELDS = [
  'startIcon',
  'topLabel',
  'text',
  'wrapText',
  'bottomLabel',
  'onClick',
  'button',
  'switchControl',
  'endIcon',
] as const;
const SWITCH_FIELDS = ['name', 'value', 'selected', 'onChangeAction', 'controlType'] as const;
const SWITCH_TYPES = ['SWITCH', 'CHECKBOX', 'CHECK_BOX'] as const;

function renderDecoratedText(ctx: RenderContext, decorated: DecoratedTextJson, notes: Notes): string {
  checkFields(decorated, DECORATED_FIELDS, 'decoratedText', notes);
  const click = clickAttributes(ctx, decorated.onClick, 'decoratedText.onClick', notes);
  const switchControl = decorated.switchControl;
  const switchId = switchControl ? ctx.id('switch') : undefined;
  const text = decorated.text ?? '';
  // Inside a <button> or a <label>, links would be nested interactive content: keep their text only.
  const textHtml = sanitizeFormattedText(text, { allowLinks: click === '' && !switchControl });
  const icon = decorated.startIcon
    ? renderIcon(decorated.startIcon, 'decoratedText.startIcon', notes, false)
    : '';
  const content =
    (decorated.topLabel ? `<span class="rc-decorated__top">${escapeHtml(decorated.topLabel)}</span>` : '') +
    `<span class="rc-decorated__text${decorated.wrapText ? ' rc-decorated__text--wrap' : ''}">${textHtml}</span>` +
    (decorated.bottomLabel
      ? `<span class="rc-decorated__bottom">${escapeHtml(decorated.bottomLabel)}</span>`
      : '');
  const inner = `${icon}<span class="rc-decorated__content">${content}</span>`;

  let body: string;
  let control = '';
  if (click !== '') {
    body = `<button type="button" class="rc-decorated__body rc-decorated__body--clickable"${click}>${inner}</button>`;
  } else if (switchId !== undefined) {
    body = `<label class="rc-decorated__body" for="${escapeHtml(switchId)}">${inner}</label>`;
  } else {
    body = `<div class="rc-decorated__body">${inner}</div>`;
  }
  if (switchControl && switchId !== undefined) {
    // When the body is a button it cannot also be the switch's label: give the switch a hidden one.
    const hiddenLabel =
      click !== ''
        ? `<label class="rc-visually-hidden" for="${escapeHtml(switchId)}">${escapeHtml(formattedTextToPlain(text))}</label>`
        : '';
    control = hiddenLabel + renderSwitchControl(ctx, switchControl, switchId, notes);
  } else if (decorated.button) {
    control = `<div class="rc-decorated__control">${renderButton(ctx, decorated.button, 'decoratedText.button', notes)}</div>`;
  } else if (decorated.endIcon) {
    control = `<div class="rc-decorated__control">${renderIcon(decorated.endIcon, 'decoratedText.endIcon', notes, false)}</div>`;
  }
  const controls = [decorated.button, decorated.switchControl, decorated.endIcon].filter(Boolean).length;
  if (controls > 1) {
    notes.push(placeholder('decoratedText may have only one of button, switchControl, endIcon'));
  }
  const clickable = click !== '' ? ' rc-decorated--clickable' : '';
  return `<div class="rc-decorated${clickable}">${body}${control}</div>`;
}

function renderSwitchControl(
  ctx: RenderContext,
  control: SwitchControlJson,
  id: string,
  notes: Notes,
): string {
  checkFields(control, SWITCH_FIELDS, 'decoratedText.switchControl', notes);
  const type = checkEnum(control.controlType, SWITCH_TYPES, 'decoratedText.switchControl.controlType', notes);
  const isSwitch = type === undefined || type === 'SWITCH';
  return (
    `<div class="rc-decorated__control"><input type="checkbox" id="${escapeHtml(id)}"` +
    ` class="${isSwitch ? 'rc-switch' : 'rc-checkbox'}"${isSwitch ? ' role="switch"' : ''}` +
    `${fieldAttributes(control.name, 'decoratedText.switchControl', notes)}${attr('value', control.value)}` +
    `${flag('checked', control.selected)}${changeAttributes(ctx, control.onChangeAction, control.name)}></div>`
  );
}

// ---- buttonList --------------------------------------------------------------------------------------------

function renderButtonList(ctx: RenderContext, buttonList: { buttons?: ButtonJson[] }, notes: Notes): string {
  checkFields(buttonList, ['buttons'], 'buttonList', notes);
  const buttons = list(buttonList.buttons).map((button, index) =>
    renderButton(ctx, button, `buttonList.buttons[${index}]`, notes),
  );
  return `<div class="rc-button-list">${buttons.join('')}</div>`;
}

// ---- textInput ---------------------------------------------------------------------------------------------

const TEXT_INPUT_FIELDS = [
  'name',
  'label',
  'hintText',
  'value',
  'type',
  'onChangeAction',
  'initialSuggestions',
  'autoCompleteAction',
  'validation',
] as const;
const TEXT_INPUT_TYPES = ['SINGLE_LINE', 'MULTIPLE_LINE'] as const;
const VALIDATION_FIELDS = ['characterLimit', 'inputType'] as const;
const INPUT_TYPE_ATTRIBUTES: Record<string, string> = {
  INPUT_TYPE_UNSPECIFIED: ' type="text"',
  TEXT: ' type="text"',
  EMAIL: ' type="email"',
  INTEGER: ' type="text" inputmode="numeric"',
  FLOAT: ' type="text" inputmode="decimal"',
};

/** A visible <label>, or a visually hidden one when the widget has no label text. */
function labelElement(forId: string, label: string | undefined, fallback: string): string {
  const hasLabel = label !== undefined && label !== '';
  return (
    `<label class="${hasLabel ? 'rc-field__label' : 'rc-visually-hidden'}" for="${escapeHtml(forId)}">` +
    `${escapeHtml(hasLabel ? label : fallback)}</label>`
  );
}

function renderTextInput(ctx: RenderContext, input: TextInputJson, notes: Notes): string {
  checkFields(input, TEXT_INPUT_FIELDS, 'textInput', notes);
  const id = ctx.id('input');
  const hintId = input.hintText ? `${id}-hint` : undefined;
  const type = checkEnum(input.type, TEXT_INPUT_TYPES, 'textInput.type', notes);
  let typeAttributes = INPUT_TYPE_ATTRIBUTES.TEXT ?? '';
  let maxLength: number | undefined;
  if (input.validation) {
    checkFields(input.validation, VALIDATION_FIELDS, 'textInput.validation', notes);
    const inputType = input.validation.inputType;
    if (inputType !== undefined) {
      const known = INPUT_TYPE_ATTRIBUTES[inputType];
      if (known === undefined)
        notes.push(placeholder(`Unsupported value of textInput.validation.inputType: ${inputType}`));
      typeAttributes = known ?? typeAttributes;
    }
    const limit = input.validation.characterLimit;
    if (typeof limit === 'number' && limit > 0) maxLength = Math.trunc(limit);
  }
  const suggestions = list(input.initialSuggestions?.items);
  if (input.initialSuggestions)
    checkFields(input.initialSuggestions, ['items'], 'textInput.initialSuggestions', notes);
  // card.proto: with suggestions (initial or from autoCompleteAction) the input is always single-line.
  const multiline = type === 'MULTIPLE_LINE' && !input.autoCompleteAction && !input.initialSuggestions;
  const common =
    `id="${escapeHtml(id)}" class="rc-input${multiline ? ' rc-input--multiline' : ''}"` +
    `${fieldAttributes(input.name, 'textInput', notes)}${attr('aria-describedby', hintId)}` +
    `${attr('maxlength', maxLength)}${changeAttributes(ctx, input.onChangeAction, input.name)}`;
  let control: string;
  if (input.autoCompleteAction) {
    // Suggestions come from the add-on; initialSuggestions are not used then (card.proto).
    const listboxId = `${id}-listbox`;
    const index = ctx.addAction({
      kind: 'suggestions',
      action: input.autoCompleteAction,
      fieldName: input.name ?? '',
    });
    control =
      `<div class="rc-combobox__anchor">` +
      `<input ${common}${typeAttributes}${attr('value', input.value)} role="combobox" aria-autocomplete="list"` +
      ` aria-expanded="false" aria-controls="${escapeHtml(listboxId)}" autocomplete="off"` +
      ` data-suggestions-action="${index}"${spinnerAttribute(input.autoCompleteAction)}>` +
      `<ul class="rc-listbox" id="${escapeHtml(listboxId)}" role="listbox"` +
      `${attr('aria-label', `Suggestions for ${input.label || input.hintText || input.name || 'this field'}`)} hidden></ul>` +
      `</div>`;
  } else if (multiline) {
    control = `<textarea ${common} rows="3">${escapeHtml(input.value ?? '')}</textarea>`;
  } else if (suggestions.length > 0) {
    const listId = `${id}-suggestions`;
    const options = suggestions.map((item) => `<option${attr('value', item.text ?? '')}></option>`).join('');
    control =
      `<input ${common}${typeAttributes}${attr('value', input.value)} list="${escapeHtml(listId)}">` +
      `<datalist id="${escapeHtml(listId)}">${options}</datalist>`;
  } else {
    control = `<input ${common}${typeAttributes}${attr('value', input.value)}>`;
  }
  const hint = hintId
    ? `<p class="rc-field__hint" id="${escapeHtml(hintId)}">${escapeHtml(input.hintText ?? '')}</p>`
    : '';
  const combobox = input.autoCompleteAction ? ' rc-combobox' : '';
  return (
    `<div class="rc-field${combobox}">${labelElement(id, input.label, input.hintText || input.name || 'Text')}` +
    `${control}${hint}</div>`
  );
}

// ---- selectionInput ----------------------------------------------------------------------------------------

const SELECTION_FIELDS = [
  'name',
  'label',
  'type',
  'items',
  'onChangeAction',
  'multiSelectMaxSelectedItems',
  'multiSelectMinQueryLength',
  'externalDataSource',
] as const;
const SELECTION_ITEM_FIELDS = ['text', 'value', 'selected', 'startIconUri', 'bottomText'] as const;

function renderSelectionInput(ctx: RenderContext, input: SelectionInputJson, notes: Notes): string {
  checkFields(input, SELECTION_FIELDS, 'selectionInput', notes);
  const items = list(input.items);
  items.forEach((item, index) =>
    checkFields(item, SELECTION_ITEM_FIELDS, `selectionInput.items[${index}]`, notes),
  );
  if (input.externalDataSource) {
    // Gmail add-ons populate multi-select menus from static items only.
    notes.push(
      placeholder('Unsupported field: selectionInput.externalDataSource (only static items are shown)'),
    );
  }
  const fields = fieldAttributes(input.name, 'selectionInput', notes);
  const change = changeAttributes(ctx, input.onChangeAction, input.name);
  const fallbackLabel = input.name || 'Selection';
  switch (input.type) {
    case 'DROPDOWN':
      return renderDropdown(ctx, input, items, fields + change, fallbackLabel);
    case 'CHECK_BOX':
      return renderChoices(ctx, input, items, fields + change, 'checkbox', fallbackLabel);
    case 'SWITCH':
      return renderChoices(ctx, input, items, fields + change, 'switch', fallbackLabel);
    case 'RADIO_BUTTON':
      return renderChoices(ctx, input, items, fields + change, 'radio', fallbackLabel);
    case 'MULTI_SELECT':
      return renderChoices(ctx, input, items, fields + change, 'multi', fallbackLabel);
    default:
      notes.push(
        placeholder(
          input.type === undefined
            ? 'selectionInput has no type (shown as checkboxes)'
            : `Unsupported value of selectionInput.type: ${input.type} (shown as checkboxes)`,
        ),
      );
      return renderChoices(ctx, input, items, fields + change, 'checkbox', fallbackLabel);
  }
}

function renderDropdown(
  ctx: RenderContext,
  input: SelectionInputJson,
  items: SelectionItemJson[],
  attributes: string,
  fallbackLabel: string,
): string {
  const id = ctx.id('select');
  const options = items
    .map(
      (item) =>
        `<option${attr('value', String(item.value ?? ''))}${flag('selected', item.selected)}>` +
        `${escapeHtml(String(item.text ?? ''))}</option>`,
    )
    .join('');
  return (
    `<div class="rc-field rc-field--dropdown">${labelElement(id, input.label, fallbackLabel)}` +
    `<select id="${escapeHtml(id)}" class="rc-select"${attributes}>${options}</select></div>`
  );
}

function renderChoices(
  ctx: RenderContext,
  input: SelectionInputJson,
  items: SelectionItemJson[],
  attributes: string,
  kind: 'checkbox' | 'switch' | 'radio' | 'multi',
  fallbackLabel: string,
): string {
  const inputType = kind === 'radio' ? 'radio' : 'checkbox';
  const role = kind === 'switch' ? ' role="switch"' : '';
  const inputClass = kind === 'switch' ? 'rc-switch' : kind === 'radio' ? 'rc-radio' : 'rc-checkbox';
  const choices = items.map((item) => {
    const id = ctx.id('choice');
    // startIconUri is a remote image: not loaded (no network), shown as a small placeholder.
    const icon = item.startIconUri
      ? `<span class="rc-icon" aria-hidden="true"${attr('title', item.startIconUri)}>▣</span>`
      : '';
    const bottom = item.bottomText
      ? `<span class="rc-choice__bottom">${escapeHtml(item.bottomText)}</span>`
      : '';
    return (
      `<div class="rc-choice"><input type="${inputType}" id="${escapeHtml(id)}" class="${inputClass}"${role}` +
      `${attributes}${attr('value', String(item.value ?? ''))}${flag('checked', item.selected)}>` +
      `<label class="rc-choice__label" for="${escapeHtml(id)}">${icon}<span class="rc-choice__text">` +
      `${escapeHtml(String(item.text ?? ''))}</span>${bottom}</label></div>`
    );
  });
  const hasLabel = input.label !== undefined && input.label !== '';
  const legend =
    `<legend class="${hasLabel ? 'rc-field__label' : 'rc-visually-hidden'}">` +
    `${escapeHtml(hasLabel ? (input.label ?? '') : fallbackLabel)}</legend>`;
  let hint = '';
  let extra = '';
  if (kind === 'multi') {
    // A multi-select menu is shown as a checkbox list: accessible, and works without script.
    const max = input.multiSelectMaxSelectedItems;
    if (typeof max === 'number' && max > 0) {
      hint = `<p class="rc-field__hint">Select up to ${Math.trunc(max)}</p>`;
      extra += attr('data-max-selected', Math.trunc(max));
    }
    extra += attr('data-min-query-length', input.multiSelectMinQueryLength);
  }
  return (
    `<fieldset class="rc-fieldset rc-fieldset--${kind}"${extra}>${legend}${hint}` +
    `<div class="rc-choices">${choices.join('')}</div></fieldset>`
  );
}

// ---- dateTimePicker ----------------------------------------------------------------------------------------

const PICKER_FIELDS = [
  'name',
  'label',
  'type',
  'valueMsEpoch',
  'timezoneOffsetDate',
  'onChangeAction',
] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function isoUtc(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
}

function renderDateTimePicker(ctx: RenderContext, picker: DateTimePickerJson, notes: Notes): string {
  checkFields(picker, PICKER_FIELDS, 'dateTimePicker', notes);
  const id = ctx.id('picker');
  const raw = picker.valueMsEpoch;
  const ms = raw !== undefined && /^-?\d+$/.test(String(raw)) ? Number(raw) : undefined;
  if (raw !== undefined && ms === undefined) {
    notes.push(placeholder(`Unsupported value of dateTimePicker.valueMsEpoch: ${String(raw)}`));
  }
  let inputType: string;
  let value: string | undefined;
  let extra = '';
  switch (picker.type) {
    case 'DATE_ONLY':
      // A calendar date at 00:00 UTC.
      inputType = 'date';
      value = ms === undefined ? undefined : isoUtc(ms)?.slice(0, 10);
      break;
    case 'TIME_ONLY':
      // A time of day in UTC, as milliseconds since midnight.
      inputType = 'time';
      value = ms === undefined ? undefined : isoUtc(((ms % DAY_MS) + DAY_MS) % DAY_MS)?.slice(11, 16);
      break;
    case 'DATE_AND_TIME': {
      inputType = 'datetime-local';
      const offset = picker.timezoneOffsetDate ?? ctx.timeZoneOffsetMinutes;
      value = ms === undefined ? undefined : isoUtc(ms + offset * 60_000)?.slice(0, 16);
      extra = attr('data-timezone-offset', offset);
      break;
    }
    default:
      notes.push(placeholder(`Unsupported value of dateTimePicker.type: ${String(picker.type)}`));
      inputType = 'text';
  }
  return (
    `<div class="rc-field rc-field--picker">${labelElement(id, picker.label, picker.name || 'Date')}` +
    `<input type="${inputType}" id="${escapeHtml(id)}" class="rc-input"` +
    `${fieldAttributes(picker.name, 'dateTimePicker', notes)}${attr('value', value)}` +
    `${attr('data-picker-type', picker.type)}${extra}${changeAttributes(ctx, picker.onChangeAction, picker.name)}>` +
    `</div>`
  );
}

// ---- image -------------------------------------------------------------------------------------------------

function renderImage(ctx: RenderContext, image: ImageJson, notes: Notes): string {
  checkFields(image, ['imageUrl', 'onClick', 'altText'], 'image', notes);
  // No <img>: the simulator has no network, so the URL is not loaded; the box shows the alt text instead.
  const box = imagePlaceholder(image.imageUrl, image.altText, ' rc-image');
  const click = clickAttributes(ctx, image.onClick, 'image.onClick', notes);
  return click === '' ? box : `<button type="button" class="rc-image-button"${click}>${box}</button>`;
}

// ---- grid --------------------------------------------------------------------------------------------------

const GRID_FIELDS = ['title', 'items', 'borderStyle', 'columnCount', 'onClick'] as const;
const GRID_ITEM_FIELDS = ['id', 'image', 'title', 'subtitle', 'layout'] as const;
const IMAGE_COMPONENT_FIELDS = ['imageUri', 'altText', 'cropStyle', 'borderStyle'] as const;
const BORDER_FIELDS = ['type', 'strokeColor', 'cornerRadius'] as const;
const BORDER_TYPES = ['BORDER_TYPE_UNSPECIFIED', 'NO_BORDER', 'STROKE'] as const;
const CROP_TYPES = [
  'IMAGE_CROP_TYPE_UNSPECIFIED',
  'SQUARE',
  'CIRCLE',
  'RECTANGLE_CUSTOM',
  'RECTANGLE_4_3',
] as const;
const GRID_LAYOUTS = ['GRID_ITEM_LAYOUT_UNSPECIFIED', 'TEXT_BELOW', 'TEXT_ABOVE'] as const;
/** card.proto leaves the default column count to the host; the Gmail sidebar shows two. */
const DEFAULT_GRID_COLUMNS = 2;

/** CSS declarations for a BorderStyle; values are numbers or hex colours, so safe in a style attribute. */
function borderStyle(border: BorderStyleJson | undefined, where: string, notes: Notes): string[] {
  if (!border) return [];
  checkFields(border, BORDER_FIELDS, where, notes);
  const type = checkEnum(border.type, BORDER_TYPES, `${where}.type`, notes);
  const declarations: string[] = [];
  if (type === 'STROKE') {
    const color = border.strokeColor ? colorHex(border.strokeColor) : '#747775';
    declarations.push(`border: 1px solid ${color}`);
  } else if (type === 'NO_BORDER') {
    declarations.push('border: none');
  }
  if (typeof border.cornerRadius === 'number' && Number.isFinite(border.cornerRadius)) {
    declarations.push(`border-radius: ${Math.max(0, border.cornerRadius)}px`);
  }
  return declarations;
}

function renderGridImage(image: ImageComponentJson, where: string, notes: Notes): string {
  checkFields(image, IMAGE_COMPONENT_FIELDS, where, notes);
  const declarations = borderStyle(image.borderStyle, `${where}.borderStyle`, notes);
  let extraClass = ' rc-grid__image';
  if (image.cropStyle) {
    checkFields(image.cropStyle, ['type', 'aspectRatio'], `${where}.cropStyle`, notes);
    const crop = checkEnum(image.cropStyle.type, CROP_TYPES, `${where}.cropStyle.type`, notes);
    if (crop === 'CIRCLE') extraClass += ' rc-image-placeholder--circle';
    if (crop === 'RECTANGLE_4_3') declarations.push('aspect-ratio: 4 / 3');
    const ratio = image.cropStyle.aspectRatio;
    if (crop === 'RECTANGLE_CUSTOM' && typeof ratio === 'number' && ratio > 0 && Number.isFinite(ratio)) {
      declarations.push(`aspect-ratio: ${ratio}`);
    }
  }
  return imagePlaceholder(image.imageUri, image.altText, extraClass, declarations.join('; ') || undefined);
}

function renderGrid(ctx: RenderContext, grid: GridJson, notes: Notes): string {
  checkFields(grid, GRID_FIELDS, 'grid', notes);
  const click = clickAttributes(ctx, grid.onClick, 'grid.onClick', notes);
  const columns =
    typeof grid.columnCount === 'number' && grid.columnCount > 0
      ? Math.trunc(grid.columnCount)
      : DEFAULT_GRID_COLUMNS;
  const cellStyle = borderStyle(grid.borderStyle, 'grid.borderStyle', notes).join('; ') || undefined;
  const items = list(grid.items).map((item: GridItemJson, index) => {
    const where = `grid.items[${index}]`;
    checkFields(item, GRID_ITEM_FIELDS, where, notes);
    const layout = checkEnum(item.layout, GRID_LAYOUTS, `${where}.layout`, notes);
    const image = item.image ? renderGridImage(item.image, `${where}.image`, notes) : '';
    const text =
      (item.title ? `<span class="rc-grid__item-title">${escapeHtml(item.title)}</span>` : '') +
      (item.subtitle ? `<span class="rc-grid__item-subtitle">${escapeHtml(item.subtitle)}</span>` : '');
    const content = layout === 'TEXT_ABOVE' ? text + image : image + text;
    const cell =
      click === ''
        ? `<div class="rc-grid__cell"${attr('style', cellStyle)}>${content}</div>`
        : `<button type="button" class="rc-grid__cell"${click}${attr('data-grid-item-id', item.id ?? '')}` +
          `${attr('style', cellStyle)}>${content}</button>`;
    return `<li class="rc-grid__item">${cell}</li>`;
  });
  const title = grid.title ? `<div class="rc-grid__title">${escapeHtml(grid.title)}</div>` : '';
  return (
    `<div class="rc-grid">${title}<ul class="rc-grid__items" style="--rc-grid-columns: ${columns}">` +
    `${items.join('')}</ul></div>`
  );
}
