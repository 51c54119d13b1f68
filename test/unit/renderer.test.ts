/** The simulator's card renderer: card JSON to sidebar HTML, its sanitiser and its data-attribute contract. */
import { createCardService, toCardJson } from '../../dev/runtime/card-service';
import type { ActionJson, ButtonJson, CardJson, WidgetJson } from '../../dev/runtime/card-service';
import {
  escapeHtml,
  formattedTextToPlain,
  renderCard,
  sanitizeFormattedText,
  type RenderedAction,
} from '../../dev/simulator/renderer';

// ---------------------------------------------------------------------------------------------------------
// Helpers: read the renderer's own output (always double-quoted, escaped attribute values, so a start tag
// never contains a raw `>`).
// ---------------------------------------------------------------------------------------------------------

interface StartTag {
  name: string;
  attributes: Map<string, string>;
  /** Offset of the tag in the HTML. */
  at: number;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text a person would see: tags removed, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  return decode(html.replace(/<br>/g, '\n').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

function startTags(html: string, name?: string): StartTag[] {
  const tags: StartTag[] = [];
  for (const match of html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/g)) {
    const tagName = match[1] ?? '';
    if (name !== undefined && tagName !== name) continue;
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) {
      attributes.set(attribute[1] ?? '', decode(attribute[2] ?? ''));
    }
    tags.push({ name: tagName, attributes, at: match.index ?? 0 });
  }
  return tags;
}

function withAttribute(html: string, attribute: string, value?: string): StartTag[] {
  return startTags(html).filter(
    (tag) =>
      tag.attributes.has(attribute) && (value === undefined || tag.attributes.get(attribute) === value),
  );
}

function only<T>(items: readonly T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0] as T;
}

/** Visible text of every <button>, keyed by its data-action index. */
function buttonTextsByAction(html: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const match of html.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)) {
    const index = /data-action="(\d+)"/.exec(match[1] ?? '')?.[1];
    if (index !== undefined) found.set(Number(index), visibleText(match[2] ?? ''));
  }
  return found;
}

/** The visible text of the (non-nesting) element whose start tag is `tag`. */
function textOf(html: string, tag: StartTag): string {
  const start = html.indexOf('>', tag.at) + 1;
  const end = html.indexOf(`</${tag.name}>`, start);
  return visibleText(html.slice(start, end));
}

function labelFor(html: string, id: string): string {
  return textOf(html, only(withAttribute(html, 'for', id), `label for ${id}`));
}

function functionOf(action: RenderedAction | undefined): string | undefined {
  return action && 'action' in action ? action.action.function : undefined;
}

function act(functionName: string, extra: Partial<ActionJson> = {}): ActionJson {
  return { function: functionName, ...extra };
}

function button(text: string, functionName: string, extra: Partial<ButtonJson> = {}): ButtonJson {
  return { text, onClick: { action: act(functionName) }, ...extra };
}

function cardOf(widgets: WidgetJson[], extra: Partial<CardJson> = {}): CardJson {
  return { sections: [{ widgets }], ...extra };
}

function render(card: CardJson): { html: string; actions: RenderedAction[] } {
  return renderCard(card, { idPrefix: 't' });
}

const HOSTILE = '<b>Bold</b> IT & Co';
const HOSTILE_ESCAPED = '&lt;b&gt;Bold&lt;/b&gt; IT &amp; Co';

// ---------------------------------------------------------------------------------------------------------
// Text safety.
// ---------------------------------------------------------------------------------------------------------

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('sanitizeFormattedText', () => {
  it("keeps Google's formatting tags", () => {
    expect(sanitizeFormattedText('<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <strike>x</strike><br>next')).toBe(
      '<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <strike>x</strike><br>next',
    );
    expect(sanitizeFormattedText('<B>loud</B><BR/>')).toBe('<b>loud</b><br>');
  });

  it('escapes <script> and every other tag so that it shows as text', () => {
    const out = sanitizeFormattedText('<script>alert(1)</script><div>x</div><img src=x onerror=alert(1)>');
    expect(out).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;div&gt;x&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(out).not.toMatch(/<(script|div|img)/i);
    expect(visibleText(out)).toBe('<script>alert(1)</script><div>x</div><img src=x onerror=alert(1)>');
  });

  it('removes attributes other than font color and a href', () => {
    expect(sanitizeFormattedText('<b onclick="evil()" onerror=x style="color:red">x</b>')).toBe('<b>x</b>');
    expect(sanitizeFormattedText('<font color="#d93025" onmouseover="evil()" size=7>red</font>')).toBe(
      '<font color="#d93025">red</font>',
    );
    expect(sanitizeFormattedText('<b title="a>b" onerror=\'x\'>y</b>')).toBe('<b>y</b>');
  });

  it('drops a font colour that is not a plain colour', () => {
    expect(sanitizeFormattedText('<font color="red;background:url(x)">t</font>')).toBe('t');
    expect(sanitizeFormattedText('<font color=&quot;x&quot;>t</font>')).toBe('t');
  });

  it('keeps http(s) links, opening in a new tab, and drops every other scheme', () => {
    expect(sanitizeFormattedText('<a href="https://example.com/?a=1&amp;b=2" onclick="x">site</a>')).toBe(
      '<a href="https://example.com/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">site</a>',
    );
    expect(sanitizeFormattedText("<a href='http://example.com'>x</a>")).toContain(
      'href="http://example.com"',
    );
    for (const href of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java&#x09;script:alert(1)',
      '&#106;avascript:alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example',
      'https:evil.example',
      '/relative',
    ]) {
      const out = sanitizeFormattedText(`<a href="${href}">click</a>`);
      expect(out).toBe('click');
    }
  });

  it('decodes entities and re-escapes them, so escaped markup stays text', () => {
    expect(sanitizeFormattedText(HOSTILE_ESCAPED)).toBe(HOSTILE_ESCAPED);
    expect(sanitizeFormattedText('&#x3C;script&#x3E; &#60;b&#62;')).toBe('&lt;script&gt; &lt;b&gt;');
    expect(sanitizeFormattedText('caf&eacute; &copy; &unknown; & x')).toBe('café © &amp;unknown; &amp; x');
  });

  it('balances tags: closes what is left open and drops stray closing tags', () => {
    expect(sanitizeFormattedText('<b>open <i>both')).toBe('<b>open <i>both</i></b>');
    expect(sanitizeFormattedText('</b>text</i>')).toBe('text');
    expect(sanitizeFormattedText('<b><i>x</b>y')).toBe('<b><i>x</i></b>y');
    expect(sanitizeFormattedText('<a href="https://a.example">a<a href="https://b.example">b</a>')).toBe(
      '<a href="https://a.example" target="_blank" rel="noopener noreferrer">a</a>' +
        '<a href="https://b.example" target="_blank" rel="noopener noreferrer">b</a>',
    );
  });

  it('treats an incomplete tag as text', () => {
    expect(sanitizeFormattedText('a <b')).toBe('a &lt;b');
    expect(sanitizeFormattedText('1 < 2 <b title="x>')).toBe('1 &lt; 2 &lt;b title=&quot;x&gt;');
    expect(sanitizeFormattedText('<<b>>')).toBe('&lt;<b>&gt;</b>');
  });

  it('can drop links while keeping their text', () => {
    expect(sanitizeFormattedText('<a href="https://x.example"><b>x</b></a>', { allowLinks: false })).toBe(
      '<b>x</b>',
    );
  });

  it('never emits a tag outside the allowed subset, nor an event handler, for hostile input', () => {
    const hostile = [
      '<scr<script>ipt>alert(1)</script>',
      '<b/onload=alert(1)>x',
      '<a href="https://ok.example" onmouseover="x" style="x">y</a>',
      '<svg><script>alert(1)</script></svg>',
      '<!-- <b> -->',
      '<img src="<b>">',
      '"><script>alert(1)</script>',
      '<a href=https://ok.example/ onclick=evil()>z</a>',
      '<font color=red onload=x>',
      '<iframe srcdoc="<script>">',
      '<b\tonclick=x>y</b>',
    ];
    const allowedTag =
      /^<(\/?(b|i|u|s|strike|font)|br|font color="[^"]*"|a href="https?:[^"]*" target="_blank" rel="noopener noreferrer"|\/a)>/;
    for (const input of hostile) {
      const out = sanitizeFormattedText(input);
      for (const match of out.matchAll(/</g)) {
        expect(out.slice(match.index)).toMatch(allowedTag);
      }
      expect(out).not.toMatch(/<[^>]*\son[a-z]+=/i);
    }
  });

  it('formattedTextToPlain gives the words a person reads', () => {
    expect(formattedTextToPlain('<b>Acme</b> &amp; Co<br>Berlin <script>')).toBe(
      'Acme & Co\nBerlin <script>',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// A card with every widget kind.
// ---------------------------------------------------------------------------------------------------------

function kitchenSinkCard(): CardJson {
  return {
    name: 'sink',
    header: {
      title: 'Reseller Connect',
      subtitle: 'Link your organisation',
      imageUrl: 'https://example.com/logo.png',
      imageAltText: 'Company logo',
      imageType: 'CIRCLE',
    },
    cardActions: [{ actionLabel: 'Settings', onClick: { action: act('onSettings') } }],
    sections: [
      {
        header: 'Your <b>reseller</b>',
        widgets: [
          { textParagraph: { text: 'Welcome, <i>Alex</i>' } },
          {
            decoratedText: {
              topLabel: 'Reseller',
              text: '<b>Acme Ltd</b>',
              bottomLabel: 'Since 2024',
              startIcon: { knownIcon: 'STORE', altText: 'Store' },
              button: button('Change', 'onChange'),
            },
          },
          {
            decoratedText: {
              text: 'Open details',
              onClick: { action: act('onDetails', { loadIndicator: 'SPINNER' }) },
            },
          },
          {
            decoratedText: {
              text: 'Notify me',
              switchControl: {
                name: 'notify',
                value: 'yes',
                selected: true,
                onChangeAction: act('onNotify'),
              },
            },
          },
          { divider: {} },
          {
            buttonList: {
              buttons: [
                button('Filled', 'onFilled', { type: 'FILLED' }),
                button('Outlined', 'onOutlined', { type: 'OUTLINED' }),
                button('Borderless', 'onBorderless', { type: 'BORDERLESS' }),
                button('Tonal', 'onTonal', { type: 'FILLED_TONAL' }),
                button('Off', 'onOff', { disabled: true }),
                button('Red', 'onRed', { type: 'BORDERLESS', color: { red: 0.8, green: 0.1, blue: 0.1 } }),
                { text: 'Docs', onClick: { openLink: { url: 'https://example.com/docs' } } },
                { text: 'Next card', onClick: { card: cardOf([{ textParagraph: { text: 'Pushed' } }]) } },
                { text: 'Dynamic', onClick: { openDynamicLinkAction: act('onDynamicLink') } },
                { icon: { knownIcon: 'EMAIL' }, altText: 'Send e-mail', onClick: { action: act('onMail') } },
              ],
            },
          },
        ],
      },
      {
        header: 'Inputs',
        widgets: [
          { textInput: { name: 'company', label: 'Company', hintText: 'As registered', value: 'Acme' } },
          { textInput: { name: 'notes', label: 'Notes', type: 'MULTIPLE_LINE', value: '</textarea><b>x' } },
          {
            textInput: {
              name: 'query',
              label: 'Search resellers',
              autoCompleteAction: act('onSuggest'),
              onChangeAction: act('onQueryChange'),
            },
          },
          {
            textInput: {
              name: 'language',
              label: 'Language',
              initialSuggestions: { items: [{ text: 'English' }, { text: 'Deutsch' }] },
            },
          },
          {
            dateTimePicker: {
              name: 'day',
              label: 'Day',
              type: 'DATE_ONLY',
              valueMsEpoch: '1672531200000',
            },
          },
          { dateTimePicker: { name: 'at', label: 'Time', type: 'TIME_ONLY', valueMsEpoch: '43200000' } },
          {
            dateTimePicker: {
              name: 'when',
              label: 'When',
              type: 'DATE_AND_TIME',
              valueMsEpoch: '1672574400000',
              timezoneOffsetDate: 60,
              onChangeAction: act('onWhen'),
            },
          },
        ],
      },
      {
        header: 'Pictures',
        widgets: [
          { image: { imageUrl: 'https://example.com/photo.png', altText: 'Team photo' } },
          {
            image: {
              imageUrl: 'https://example.com/map.png',
              altText: 'Office map',
              onClick: { openLink: { url: 'https://maps.example.com' } },
            },
          },
          {
            grid: {
              title: 'Partners',
              columnCount: 3,
              borderStyle: { type: 'STROKE', cornerRadius: 8 },
              onClick: { action: act('onGridItem') },
              items: [
                {
                  id: 'p1',
                  title: 'Partner one',
                  subtitle: 'Gold',
                  image: { imageUri: 'https://example.com/p1.png', altText: 'Partner one logo' },
                },
                {
                  id: 'p2',
                  title: 'Partner two',
                  layout: 'TEXT_ABOVE',
                  image: { imageUri: 'https://example.com/p2.png', altText: 'Partner two logo' },
                },
              ],
            },
          },
        ],
      },
    ],
    fixedFooter: {
      primaryButton: button('Save', 'onSave'),
      secondaryButton: button('Cancel', 'onCancel'),
    },
  };
}

describe('renderCard: every widget kind', () => {
  const { html, actions } = render(kitchenSinkCard());
  const text = visibleText(html);

  it('shows the header with an h2 title, subtitle and an image placeholder', () => {
    expect(textOf(html, only(startTags(html, 'h2'), 'h2'))).toBe('Reseller Connect');
    expect(text).toContain('Link your organisation');
    const headerImage = only(withAttribute(html, 'aria-label', 'Company logo'), 'header image');
    expect(headerImage.attributes.get('role')).toBe('img');
    expect(headerImage.attributes.get('class')).toContain('rc-image-placeholder--circle');
    expect(only(startTags(html, 'article'), 'article').attributes.get('data-card-name')).toBe('sink');
  });

  it('shows section headers as h3 with their formatting kept', () => {
    expect(startTags(html, 'h3').map((tag) => textOf(html, tag))).toEqual([
      'Your reseller',
      'Inputs',
      'Pictures',
    ]);
    expect(html).toContain('<h3 class="rc-section__header">Your <b>reseller</b></h3>');
  });

  it('shows the words of every widget', () => {
    for (const words of [
      'Welcome, Alex',
      'Reseller Acme Ltd Since 2024',
      'Open details',
      'Notify me',
      'Filled',
      'Outlined',
      'Borderless',
      'Tonal',
      'Company',
      'As registered',
      'Search resellers',
      'Team photo',
      'Office map',
      'Partners',
      'Partner one Gold',
      'Partner two',
    ]) {
      expect(text).toContain(words);
    }
    expect(html).toContain('Welcome, <i>Alex</i>');
    expect(html).toContain('<b>Acme Ltd</b>');
  });

  it('renders a divider as a horizontal rule', () => {
    expect(startTags(html, 'hr')).toHaveLength(1);
  });

  it('maps every data-action index to the action of the element that carries it', () => {
    const byAction = buttonTextsByAction(html);
    const expected: Record<string, string> = {
      Settings: 'onSettings',
      Change: 'onChange',
      'Open details': 'onDetails',
      Filled: 'onFilled',
      Outlined: 'onOutlined',
      Borderless: 'onBorderless',
      Tonal: 'onTonal',
      Off: 'onOff',
      Red: 'onRed',
      Save: 'onSave',
      Cancel: 'onCancel',
    };
    for (const [label, functionName] of Object.entries(expected)) {
      const indexes = [...byAction].filter(([, words]) => words === label).map(([index]) => index);
      const index = only(indexes, `button "${label}"`);
      expect(actions[index]).toEqual({
        kind: 'action',
        action: expect.objectContaining({ function: functionName }),
      });
    }
    const indexOf = (label: string): number =>
      only(
        [...byAction].filter(([, words]) => words === label).map(([index]) => index),
        label,
      );
    expect(actions[indexOf('Docs')]).toEqual({
      kind: 'openLink',
      openLink: { url: 'https://example.com/docs' },
    });
    expect(actions[indexOf('Dynamic')]).toEqual({ kind: 'openDynamicLink', action: act('onDynamicLink') });
    const pushed = actions[indexOf('Next card')];
    expect(pushed?.kind).toBe('card');
    expect(pushed && pushed.kind === 'card' ? visibleText(render(pushed.card).html) : '').toBe('Pushed');
    expect(actions[indexOf('Office map')]).toEqual({
      kind: 'openLink',
      openLink: { url: 'https://maps.example.com' },
    });
  });

  it('gives every data-action index to exactly one kind of thing, all within the actions array', () => {
    const indexes = withAttribute(html, 'data-action').map((tag) =>
      Number(tag.attributes.get('data-action')),
    );
    for (const index of indexes) expect(actions[index]).toBeDefined();
    // The grid's two items share one action; everything else has its own.
    expect(new Set(indexes).size).toBe(indexes.length - 1);
  });

  it('renders buttons as real buttons styled by type, colour and disabled state', () => {
    const buttons = startTags(html, 'button');
    expect(buttons.every((tag) => tag.attributes.get('type') === 'button')).toBe(true);
    const classOf = (label: string): string =>
      only(
        buttons.filter((tag) => textOf(html, tag) === label),
        label,
      ).attributes.get('class') ?? '';
    expect(classOf('Filled')).toContain('rc-button--filled');
    expect(classOf('Outlined')).toContain('rc-button--outlined');
    expect(classOf('Borderless')).toContain('rc-button--borderless');
    expect(classOf('Tonal')).toContain('rc-button--tonal');
    // A colour forces FILLED, with a readable text colour.
    expect(classOf('Red')).toContain('rc-button--filled');
    const red = only(
      buttons.filter((tag) => textOf(html, tag) === 'Red'),
      'Red',
    );
    expect(red.attributes.get('style')).toBe('--rc-button-bg: #cc1a1a; --rc-button-fg: #ffffff');
    const off = only(
      buttons.filter((tag) => textOf(html, tag) === 'Off'),
      'Off',
    );
    expect(off.attributes.has('disabled')).toBe(true);
    expect(red.attributes.has('disabled')).toBe(false);
  });

  it('names an icon-only button by its alt text', () => {
    const mail = only(withAttribute(html, 'aria-label', 'Send e-mail'), 'mail button');
    expect(mail.name).toBe('button');
    expect(functionOf(actions[Number(mail.attributes.get('data-action'))])).toBe('onMail');
  });

  it('marks actions with a SPINNER load indicator', () => {
    const spinners = withAttribute(html, 'data-spinner', 'true');
    expect(spinners.map((tag) => functionOf(actions[Number(tag.attributes.get('data-action'))]))).toEqual([
      'onDetails',
    ]);
  });

  it('makes a clickable decoratedText a button and gives its control its own button', () => {
    const details = only(
      withAttribute(html, 'class', 'rc-decorated__body rc-decorated__body--clickable'),
      'body',
    );
    expect(details.name).toBe('button');
    expect(textOf(html, details)).toBe('Open details');
    const decorated = html.slice(html.indexOf('>Reseller</span>'), html.indexOf('Since 2024'));
    expect(decorated).toContain('Acme Ltd');
    expect(decorated).not.toContain('data-action'); // the non-clickable body is not a button
  });

  it('renders a decoratedText switch as a labelled checkbox with role=switch', () => {
    const toggle = only(withAttribute(html, 'data-field', 'notify'), 'switch');
    expect(toggle.attributes.get('type')).toBe('checkbox');
    expect(toggle.attributes.get('role')).toBe('switch');
    expect(toggle.attributes.get('name')).toBe('notify');
    expect(toggle.attributes.get('value')).toBe('yes');
    expect(toggle.attributes.has('checked')).toBe(true);
    expect(labelFor(html, toggle.attributes.get('id') ?? '')).toBe('Notify me');
    expect(actions[Number(toggle.attributes.get('data-change-action'))]).toEqual({
      kind: 'onChange',
      action: act('onNotify'),
      fieldName: 'notify',
    });
  });

  it('renders text inputs with labels, hints, values and a textarea for multi-line', () => {
    const company = only(withAttribute(html, 'data-field', 'company'), 'company');
    expect(company.name).toBe('input');
    expect(company.attributes.get('value')).toBe('Acme');
    expect(labelFor(html, company.attributes.get('id') ?? '')).toBe('Company');
    const hint = only(withAttribute(html, 'id', company.attributes.get('aria-describedby')), 'hint');
    expect(textOf(html, hint)).toBe('As registered');
    const notes = only(withAttribute(html, 'data-field', 'notes'), 'notes');
    expect(notes.name).toBe('textarea');
    expect(html).toContain('&lt;/textarea&gt;&lt;b&gt;x</textarea>');
    const language = only(withAttribute(html, 'data-field', 'language'), 'language');
    const datalist = only(withAttribute(html, 'id', language.attributes.get('list')), 'datalist');
    expect(datalist.name).toBe('datalist');
    expect(startTags(html, 'option').map((tag) => tag.attributes.get('value'))).toEqual([
      'English',
      'Deutsch',
    ]);
  });

  it('renders a text input with autoCompleteAction as a combobox controlling an empty listbox', () => {
    const query = only(withAttribute(html, 'data-field', 'query'), 'query');
    expect(query.attributes.get('role')).toBe('combobox');
    expect(query.attributes.get('aria-autocomplete')).toBe('list');
    expect(query.attributes.get('aria-expanded')).toBe('false');
    const listboxId = query.attributes.get('aria-controls') ?? '';
    const listbox = only(withAttribute(html, 'id', listboxId), 'listbox');
    expect(listbox.attributes.get('role')).toBe('listbox');
    expect(html.slice(listbox.at).startsWith(`<ul class="rc-listbox" id="${listboxId}"`)).toBe(true);
    expect(html).toMatch(new RegExp(`id="${listboxId}"[^>]*></ul>`));
    expect(actions[Number(query.attributes.get('data-suggestions-action'))]).toEqual({
      kind: 'suggestions',
      action: act('onSuggest'),
      fieldName: 'query',
    });
    expect(actions[Number(query.attributes.get('data-change-action'))]).toEqual({
      kind: 'onChange',
      action: act('onQueryChange'),
      fieldName: 'query',
    });
    expect(labelFor(html, query.attributes.get('id') ?? '')).toBe('Search resellers');
  });

  it('renders date/time pickers with values converted from ms since the epoch', () => {
    const day = only(withAttribute(html, 'data-field', 'day'), 'day');
    expect([day.attributes.get('type'), day.attributes.get('value')]).toEqual(['date', '2023-01-01']);
    const at = only(withAttribute(html, 'data-field', 'at'), 'at');
    expect([at.attributes.get('type'), at.attributes.get('value')]).toEqual(['time', '12:00']);
    const when = only(withAttribute(html, 'data-field', 'when'), 'when');
    expect([when.attributes.get('type'), when.attributes.get('value')]).toEqual([
      'datetime-local',
      '2023-01-01T13:00',
    ]);
    expect(when.attributes.get('data-timezone-offset')).toBe('60');
    expect(labelFor(html, when.attributes.get('id') ?? '')).toBe('When');
    expect(actions[Number(when.attributes.get('data-change-action'))]).toEqual({
      kind: 'onChange',
      action: act('onWhen'),
      fieldName: 'when',
    });
  });

  it('never loads a remote image: images are placeholders showing their alt text', () => {
    expect(startTags(html, 'img')).toEqual([]);
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).not.toMatch(/url\(/);
    const photo = only(withAttribute(html, 'aria-label', 'Team photo'), 'photo');
    expect(photo.attributes.get('role')).toBe('img');
    expect(textOf(html, photo)).toBe('Team photo');
  });

  it('renders a grid with its column count and one shared action carrying the item ids', () => {
    const items = withAttribute(html, 'data-grid-item-id');
    expect(items.map((tag) => tag.attributes.get('data-grid-item-id'))).toEqual(['p1', 'p2']);
    expect(new Set(items.map((tag) => tag.attributes.get('data-action'))).size).toBe(1);
    expect(functionOf(actions[Number(items[0]?.attributes.get('data-action'))])).toBe('onGridItem');
    expect(items[0]?.attributes.get('style')).toBe('border: 1px solid #747775; border-radius: 8px');
    expect(html).toContain('style="--rc-grid-columns: 3"');
    expect(withAttribute(html, 'aria-label', 'Partner one logo')).toHaveLength(1);
    // TEXT_ABOVE puts the title before the image.
    const second = html.slice(items[1]?.at ?? 0);
    expect(second.indexOf('Partner two')).toBeLessThan(second.indexOf('rc-image-placeholder'));
  });

  it('renders the fixed footer with both buttons, the primary one filled', () => {
    const footerStart = html.indexOf('<footer');
    const footer = html.slice(footerStart, html.indexOf('</footer>'));
    expect(footerStart).toBeGreaterThan(html.lastIndexOf('</section>'));
    const texts = [...buttonTextsByAction(footer).values()];
    expect(texts).toEqual(['Save', 'Cancel']);
    expect(footer).toMatch(/class="rc-button rc-button--filled"[^>]*>[^]*Save/);
    expect(footer).toMatch(/class="rc-button rc-button--outlined"[^>]*>[^]*Cancel/);
  });

  it('shows no placeholder when everything is supported', () => {
    expect(html).not.toContain('rc-unknown');
  });

  it('labels every form control and gives it name and data-field', () => {
    const controls = startTags(html).filter((tag) => ['input', 'select', 'textarea'].includes(tag.name));
    // company, notes, query, language, day, at, when, and the notify switch
    expect(controls).toHaveLength(8);
    for (const control of controls) {
      const id = control.attributes.get('id') ?? '';
      expect(id).not.toBe('');
      expect(labelFor(html, id)).not.toBe('');
      expect(control.attributes.get('name')).toBe(control.attributes.get('data-field'));
      expect(control.attributes.get('name')).not.toBe('');
    }
  });

  it('uses unique ids, all starting with the prefix', () => {
    const ids = withAttribute(html, 'id').map((tag) => tag.attributes.get('id') ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('t-'))).toBe(true);
    const other = renderCard(kitchenSinkCard(), { idPrefix: 'second card' }).html;
    const otherIds = withAttribute(other, 'id').map((tag) => tag.attributes.get('id') ?? '');
    expect(otherIds.some((id) => ids.includes(id))).toBe(false);
    expect(otherIds.every((id) => id.startsWith('second-card-'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Selection inputs.
// ---------------------------------------------------------------------------------------------------------

describe('renderCard: selectionInput', () => {
  const items = [
    { text: 'Small', value: 's', selected: false },
    { text: 'Medium', value: 'm', selected: true },
    { text: 'Large', value: 'l', selected: false },
  ];
  const selection = (type: string, extra: object = {}): CardJson =>
    cardOf([
      {
        selectionInput: { name: 'size', label: 'Size', type, items, onChangeAction: act('onSize'), ...extra },
      },
    ]);
  const checked = (html: string): (string | undefined)[] =>
    withAttribute(html, 'data-field', 'size')
      .filter((tag) => tag.attributes.has('checked'))
      .map((tag) => tag.attributes.get('value'));

  it.each([
    ['CHECK_BOX', 'checkbox', undefined],
    ['SWITCH', 'checkbox', 'switch'],
    ['RADIO_BUTTON', 'radio', undefined],
    ['MULTI_SELECT', 'checkbox', undefined],
  ])('%s: a fieldset of labelled %s inputs (role %s)', (type, inputType, role) => {
    const { html, actions } = render(selection(type));
    const inputs = withAttribute(html, 'data-field', 'size');
    expect(inputs.map((tag) => tag.name)).toEqual(['input', 'input', 'input']);
    expect(inputs.map((tag) => tag.attributes.get('type'))).toEqual([inputType, inputType, inputType]);
    expect(inputs.map((tag) => tag.attributes.get('role'))).toEqual([role, role, role]);
    expect(inputs.map((tag) => tag.attributes.get('name'))).toEqual(['size', 'size', 'size']);
    expect(inputs.map((tag) => tag.attributes.get('value'))).toEqual(['s', 'm', 'l']);
    expect(inputs.map((tag) => labelFor(html, tag.attributes.get('id') ?? ''))).toEqual([
      'Small',
      'Medium',
      'Large',
    ]);
    expect(checked(html)).toEqual(['m']);
    expect(textOf(html, only(startTags(html, 'legend'), 'legend'))).toBe('Size');
    const changeIndexes = new Set(inputs.map((tag) => tag.attributes.get('data-change-action')));
    expect(changeIndexes.size).toBe(1);
    expect(actions[Number([...changeIndexes][0])]).toEqual({
      kind: 'onChange',
      action: act('onSize'),
      fieldName: 'size',
    });
    expect(html).not.toContain('rc-unknown');
  });

  it('DROPDOWN: a labelled single <select> with the selected option', () => {
    const { html } = render(selection('DROPDOWN'));
    const select = only(withAttribute(html, 'data-field', 'size'), 'select');
    expect(select.name).toBe('select');
    expect(select.attributes.has('multiple')).toBe(false);
    expect(labelFor(html, select.attributes.get('id') ?? '')).toBe('Size');
    const options = startTags(html, 'option');
    expect(options.map((tag) => tag.attributes.get('value'))).toEqual(['s', 'm', 'l']);
    expect(options.map((tag) => textOf(html, tag))).toEqual(['Small', 'Medium', 'Large']);
    expect(
      options.filter((tag) => tag.attributes.has('selected')).map((tag) => tag.attributes.get('value')),
    ).toEqual(['m']);
  });

  it('MULTI_SELECT: keeps several selected items and states the maximum', () => {
    const many = items.map((item) => ({
      ...item,
      selected: item.value !== 'm',
      bottomText: `${item.text} size`,
    }));
    const { html } = render(
      cardOf([
        {
          selectionInput: {
            name: 'size',
            label: 'Size',
            type: 'MULTI_SELECT',
            items: many,
            multiSelectMaxSelectedItems: 2,
          },
        },
      ]),
    );
    expect(checked(html)).toEqual(['s', 'l']);
    expect(visibleText(html)).toContain('Select up to 2');
    expect(visibleText(html)).toContain('Small size');
    expect(only(withAttribute(html, 'data-max-selected'), 'max').attributes.get('data-max-selected')).toBe(
      '2',
    );
  });

  it('an unknown selection type is shown as checkboxes with a placeholder naming it', () => {
    const { html } = render(selection('CHIPS'));
    expect(visibleText(html)).toContain('Unsupported value of selectionInput.type: CHIPS');
    expect(withAttribute(html, 'data-field', 'size')).toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Plain text fields, placeholders, collapsible sections, the fake CardService.
// ---------------------------------------------------------------------------------------------------------

describe('renderCard: plain-text fields are escaped', () => {
  const card: CardJson = {
    header: { title: HOSTILE, subtitle: HOSTILE },
    sections: [
      {
        widgets: [
          {
            decoratedText: {
              topLabel: HOSTILE,
              text: HOSTILE_ESCAPED,
              bottomLabel: HOSTILE,
              button: button(HOSTILE, 'onPick'),
            },
          },
          { textInput: { name: 'q', label: HOSTILE, hintText: HOSTILE, value: HOSTILE } },
          {
            selectionInput: {
              name: 'pick',
              label: HOSTILE,
              type: 'RADIO_BUTTON',
              items: [{ text: HOSTILE, value: HOSTILE, selected: true }],
            },
          },
          {
            selectionInput: {
              name: 'drop',
              label: 'Drop',
              type: 'DROPDOWN',
              items: [{ text: HOSTILE, value: 'x', selected: false }],
            },
          },
          { grid: { title: HOSTILE, items: [{ title: HOSTILE, subtitle: HOSTILE }] } },
          { image: { imageUrl: 'https://example.com/x.png', altText: HOSTILE } },
        ],
      },
    ],
    fixedFooter: { primaryButton: button(HOSTILE, 'onSave') },
  };
  const { html } = render(card);

  it('shows a reseller name with markup literally wherever it appears', () => {
    expect(html).not.toContain('<b>Bold</b>');
    const occurrences = visibleText(html).split(HOSTILE).length - 1;
    // header title + subtitle, decoratedText (3 + button), input label + hint, radio legend + item,
    // dropdown option, grid title + item title + subtitle, image alt text, footer button
    expect(occurrences).toBe(16);
    expect(only(withAttribute(html, 'data-field', 'q'), 'q').attributes.get('value')).toBe(HOSTILE);
    expect(textOf(html, only(startTags(html, 'h2'), 'h2'))).toBe(HOSTILE);
    const byAction = [...buttonTextsByAction(html).values()];
    expect(byAction).toEqual([HOSTILE, HOSTILE]);
  });

  it('keeps a name that the add-on escaped for a formatted field as text', () => {
    expect(html).toContain(`<span class="rc-decorated__text">${HOSTILE_ESCAPED}</span>`);
  });
});

describe('renderCard: what the renderer does not know is shown, not dropped', () => {
  it('shows a placeholder naming an unknown widget kind', () => {
    const { html } = render(
      cardOf([
        { textParagraph: { text: 'Before' } },
        { carouselCard: { widgets: [] } } as unknown as WidgetJson,
        { textParagraph: { text: 'After' } },
      ]),
    );
    const note = only(withAttribute(html, 'class', 'rc-unknown'), 'placeholder');
    expect(note.attributes.get('role')).toBe('note');
    expect(textOf(html, note)).toBe('Unsupported widget: carouselCard');
    expect(visibleText(html)).toBe('Before Unsupported widget: carouselCard After');
  });

  it('shows placeholders naming unknown fields, enum values and onClick kinds', () => {
    const { html, actions } = render({
      sections: [
        {
          widgets: [
            { textParagraph: { text: 'Hi', maxLines: 2 } } as unknown as WidgetJson,
            {
              buttonList: { buttons: [{ text: 'Menu', onClick: { overflowMenu: { items: [] } } }] },
            } as unknown as WidgetJson,
            { buttonList: { buttons: [button('Odd', 'onOdd', { type: 'GLOWING' })] } },
            { textInput: { name: 'n', label: 'N', placeholderText: 'Type' } } as unknown as WidgetJson,
          ],
          collapseControl: {},
        } as unknown as CardJson['sections'][number],
      ],
      sectionDividerStyle: 'NO_DIVIDER',
    } as unknown as CardJson);
    const notes = withAttribute(html, 'class', 'rc-unknown').map((tag) => textOf(html, tag));
    expect(notes).toEqual(
      expect.arrayContaining([
        'Unsupported field: textParagraph.maxLines',
        'Unsupported onClick: buttonList.buttons[0].onClick.overflowMenu',
        'Unsupported value of buttonList.buttons[0].type: GLOWING',
        'Unsupported field: textInput.placeholderText',
        'Unsupported field: sections[0].collapseControl',
        'Unsupported field: card.sectionDividerStyle',
      ]),
    );
    expect(notes).toHaveLength(6);
    // The button with an unknown onClick is shown but triggers nothing.
    expect(actions.map(functionOf)).toEqual(['onOdd']);
  });

  it('shows a placeholder for an empty widget instead of nothing', () => {
    const { html } = render(cardOf([{} as unknown as WidgetJson]));
    expect(visibleText(html)).toBe('Unsupported widget: (empty widget)');
  });
});

describe('renderCard: decoratedText edge cases', () => {
  it('keeps only the text of a link inside a clickable decoratedText (no link inside a button)', () => {
    const { html } = render(
      cardOf([
        {
          decoratedText: {
            text: 'See <a href="https://example.com">docs</a>',
            onClick: { action: act('onRow') },
          },
        },
      ]),
    );
    expect(startTags(html, 'a')).toEqual([]);
    expect(visibleText(html)).toBe('See docs');
    const sanitizedLink = sanitizeFormattedText('<a href="https://example.com">docs</a>');
    expect(sanitizedLink).toContain('<a href="https://example.com"'); // but a plain paragraph keeps it
  });

  it('gives a switch next to a clickable body its own (hidden) label', () => {
    const { html } = render(
      cardOf([
        {
          decoratedText: {
            text: '<b>Auto</b> renew',
            onClick: { action: act('onRow') },
            switchControl: { name: 'renew', controlType: 'CHECK_BOX' },
          },
        },
      ]),
    );
    const box = only(withAttribute(html, 'data-field', 'renew'), 'checkbox');
    expect(box.attributes.get('role')).toBeUndefined();
    expect(box.attributes.has('checked')).toBe(false);
    expect(labelFor(html, box.attributes.get('id') ?? '')).toBe('Auto renew');
  });
});

describe('renderCard: malformed JSON does not break the card', () => {
  it('shows a placeholder for a widget that cannot be rendered and renders the rest', () => {
    const { html } = render(
      cardOf([
        { selectionInput: { name: 'x', type: 'CHECK_BOX', items: [null] } } as unknown as WidgetJson,
        { textParagraph: { text: 'Still here' } },
      ]),
    );
    const note = only(withAttribute(html, 'class', 'rc-unknown'), 'placeholder');
    expect(textOf(html, note)).toMatch(/^Could not render selectionInput: /);
    expect(visibleText(html)).toContain('Still here');
  });

  it('names an unknown built-in icon', () => {
    const { html } = render(cardOf([{ decoratedText: { text: 'x', startIcon: { knownIcon: 'UNICORN' } } }]));
    expect(visibleText(html)).toContain('Unsupported value of decoratedText.startIcon.knownIcon: UNICORN');
  });
});

describe('renderCard: collapsible sections', () => {
  const widgets: WidgetJson[] = ['One', 'Two', 'Three', 'Four'].map((text) => ({ textParagraph: { text } }));
  const section = (extra: object): CardJson => ({ sections: [{ header: 'More', widgets, ...extra }] });

  it('shows the first uncollapsibleWidgetsCount widgets and hides the rest behind a Show more toggle', () => {
    const { html } = render(section({ collapsible: true, uncollapsibleWidgetsCount: 2 }));
    const details = html.indexOf('<details');
    const summaryEnd = html.indexOf('</summary>');
    const detailsEnd = html.indexOf('</details>');
    expect(details).toBeGreaterThan(0);
    for (const visible of ['One', 'Two']) expect(html.indexOf(visible)).toBeLessThan(details);
    for (const hidden of ['Three', 'Four']) {
      expect(html.indexOf(hidden)).toBeGreaterThan(summaryEnd);
      expect(html.indexOf(hidden)).toBeLessThan(detailsEnd);
    }
    expect(only(startTags(html, 'details'), 'details').attributes.has('open')).toBe(false);
    const summary = html.slice(html.indexOf('<summary'), summaryEnd);
    expect(visibleText(summary)).toBe('Show more Show less');
  });

  it('hides every widget when uncollapsibleWidgetsCount is unset', () => {
    const { html } = render(section({ collapsible: true }));
    expect(html.indexOf('One')).toBeGreaterThan(html.indexOf('</summary>'));
  });

  it('has no toggle when nothing would be hidden or the section is not collapsible', () => {
    expect(render(section({ collapsible: true, uncollapsibleWidgetsCount: 4 })).html).not.toContain(
      '<details',
    );
    expect(render(section({ uncollapsibleWidgetsCount: 1 })).html).not.toContain('<details');
  });
});

describe('renderCard: cards built with the CardService fake', () => {
  it('renders the JSON the fake emits, with actions and form fields wired', () => {
    const CardService = createCardService();
    const search = CardService.newAction()
      .setFunctionName('onSearch')
      .setLoadIndicator(CardService.LoadIndicator.SPINNER);
    const built = CardService.newCardBuilder()
      .setName('search')
      .setHeader(CardService.newCardHeader().setTitle('Find your reseller'))
      .addSection(
        CardService.newCardSection()
          .setHeader('Search')
          .addWidget(
            CardService.newTextInput()
              .setFieldName('query')
              .setTitle('Reseller name')
              .setSuggestionsAction(CardService.newAction().setFunctionName('onSuggest')),
          )
          .addWidget(
            CardService.newSelectionInput()
              .setFieldName('country')
              .setTitle('Country')
              .setType(CardService.SelectionInputType.DROPDOWN)
              .addItem('Germany', 'DE', true)
              .addItem('France', 'FR', false),
          )
          .addWidget(CardService.newTextButton().setText('Search').setOnClickAction(search)),
      )
      .setFixedFooter(
        CardService.newFixedFooter().setPrimaryButton(
          CardService.newTextButton()
            .setText('Done')
            .setTextButtonStyle(CardService.TextButtonStyle.FILLED)
            .setOnClickAction(CardService.newAction().setFunctionName('onDone')),
        ),
      )
      .build();
    const { html, actions } = render(toCardJson(built) as CardJson);
    expect(html).not.toContain('rc-unknown');
    const byAction = buttonTextsByAction(html);
    const searchIndex = only(
      [...byAction].filter(([, words]) => words === 'Search').map(([index]) => index),
      'Search',
    );
    expect(functionOf(actions[searchIndex])).toBe('onSearch');
    expect(
      only(withAttribute(html, 'data-action', String(searchIndex)), 'search').attributes.get('data-spinner'),
    ).toBe('true');
    expect(functionOf(actions[[...byAction].find(([, words]) => words === 'Done')?.[0] ?? -1])).toBe(
      'onDone',
    );
    const query = only(withAttribute(html, 'data-field', 'query'), 'query');
    expect(query.attributes.get('role')).toBe('combobox');
    expect(only(withAttribute(html, 'data-field', 'country'), 'country').name).toBe('select');
  });
});
