/**
 * Card text fields accept a small HTML subset, so any text that did not come from our own
 * templates (reseller names, domains, what a user typed) is escaped before it reaches them.
 */
declare const htmlBrand: unique symbol;
export type Html = string & { readonly [htmlBrand]: true };

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): Html {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c) as Html;
}

/** Tagged template: the literal parts are trusted markup, every interpolated value is escaped. */
export function html(strings: TemplateStringsArray, ...values: readonly string[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += escapeHtml(value) + (strings[i + 1] ?? '');
  });
  return out as Html;
}

/**
 * A translated sentence with the support address in it as a mailto link: the sentence is escaped,
 * then its {support} placeholder becomes the link. Pass the text with `{support}` left in place.
 */
export function withSupportLink(sentence: string, supportEmail: string): Html {
  const link = `<a href="${escapeHtml(`mailto:${encodeURI(supportEmail)}`)}">${escapeHtml(supportEmail)}</a>`;
  return escapeHtml(sentence).split('{support}').join(link) as Html;
}
