/** Messages, dates and countries in the user's language, and the HTML escaping every card relies on. */
import { escapeHtml, html, withSupportLink } from '../../src/cards/html';
import { de } from '../../src/ui/i18n/de';
import { en } from '../../src/ui/i18n/en';
import {
  CATALOGUES,
  countryName,
  formatDate,
  languageFromLocale,
  translator,
  type Language,
  type MessageKey,
} from '../../src/ui/i18n';

const HOUR_MS = 60 * 60 * 1000;
const LANGUAGES: readonly Language[] = ['en', 'de'];
const HOSTILE_NAME = '<b>Bold</b> & Co';
const HOSTILE_NAME_ESCAPED = '&lt;b&gt;Bold&lt;/b&gt; &amp; Co';

// ---------------------------------------------------------------------------------------------
// i18n

function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

describe('message catalogues', () => {
  const enKeys = Object.keys(en).sort();
  const deKeys = Object.keys(de).sort();

  it('have exactly the same keys in English and German', () => {
    expect(deKeys).toEqual(enKeys);
    expect(Object.keys(CATALOGUES).sort()).toEqual(['de', 'en']);
  });

  it.each(LANGUAGES)('have no empty message in %s', (language) => {
    for (const [key, message] of Object.entries(CATALOGUES[language])) {
      expect({ key, blank: message.trim() === '' }).toEqual({ key, blank: false });
    }
  });

  it('use the same placeholders in every German message as in the English one', () => {
    for (const key of enKeys as MessageKey[]) {
      expect({ key, placeholders: placeholders(de[key]) }).toEqual({
        key,
        placeholders: placeholders(en[key]),
      });
    }
  });

  it('have only well-formed placeholders (no stray braces)', () => {
    for (const language of LANGUAGES) {
      for (const message of Object.values(CATALOGUES[language])) {
        expect(message.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
      }
    }
  });
});

describe('languageFromLocale', () => {
  it.each(['de', 'de-AT', 'de_CH', 'DE', ' de-DE '])('reads %j as German', (locale) => {
    expect(languageFromLocale(locale)).toBe('de');
  });

  it.each(['en-GB', 'en', 'fr', 'nl-NL', '', 'deu', 'xde', undefined])('reads %j as English', (locale) => {
    expect(languageFromLocale(locale)).toBe('en');
  });
});

describe('translator', () => {
  it('fills placeholders in the chosen language', () => {
    expect(translator('en')('notice.saved', { domain: 'acme.de', reseller: 'Müller IT GmbH' })).toBe(
      'Saved: acme.de is now linked to Müller IT GmbH.',
    );
    expect(translator('de')('notice.saved', { domain: 'acme.de', reseller: 'Müller IT GmbH' })).toBe(
      'Gespeichert: acme.de ist jetzt mit Müller IT GmbH verknüpft.',
    );
  });

  it('fills numbers and repeated placeholders', () => {
    expect(translator('en')('search.results.many', { count: 3, query: 'it' })).toBe('3 resellers match “it”');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(translator('en')('later.text')).toBe('No problem. We will ask again on {date}.');
  });

  it('inserts values literally, without interpreting $ patterns', () => {
    expect(translator('en')('notice.direct', { domain: "$&$1$'" })).toBe("Saved: $&$1$' buys directly.");
  });
});

describe('formatDate', () => {
  const nov23 = Date.UTC(2026, 10, 23, 12, 0);
  const jan5 = Date.UTC(2026, 0, 5, 12, 0);

  it('writes "23 Nov 2026" in English and "23.11.2026" in German', () => {
    expect(formatDate('en', nov23, {})).toBe('23 Nov 2026');
    expect(formatDate('de', nov23, {})).toBe('23.11.2026');
  });

  it('pads day and month in German only', () => {
    expect(formatDate('en', jan5, {})).toBe('5 Jan 2026');
    expect(formatDate('de', jan5, {})).toBe('05.01.2026');
  });

  it('names every month in English', () => {
    const months = Array.from(
      { length: 12 },
      (_, m) => formatDate('en', Date.UTC(2026, m, 15), {}).split(' ')[1],
    );
    expect(months).toEqual([
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ]);
  });

  it('moves the date forward across midnight for a time zone east of UTC', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 23, 30);
    expect(formatDate('en', lateEvening, {})).toBe('23 Nov 2026');
    expect(formatDate('en', lateEvening, { offsetMs: HOUR_MS })).toBe('24 Nov 2026');
    expect(formatDate('de', lateEvening, { offsetMs: HOUR_MS })).toBe('24.11.2026');
  });

  it('moves the date back across midnight for a time zone west of UTC', () => {
    const earlyMorning = Date.UTC(2026, 10, 24, 0, 30);
    expect(formatDate('en', earlyMorning, { offsetMs: -5 * HOUR_MS })).toBe('23 Nov 2026');
    expect(formatDate('de', earlyMorning, { offsetMs: -5 * HOUR_MS })).toBe('23.11.2026');
  });

  it('moves the year across New Year', () => {
    const newYearsEve = Date.UTC(2026, 11, 31, 23, 0);
    expect(formatDate('en', newYearsEve, { offsetMs: 2 * HOUR_MS })).toBe('1 Jan 2027');
    expect(formatDate('de', newYearsEve, { offsetMs: 2 * HOUR_MS })).toBe('01.01.2027');
  });
});

describe('countryName', () => {
  it('names a known country in each language', () => {
    expect(countryName('en', 'DE')).toBe('Germany');
    expect(countryName('de', 'DE')).toBe('Deutschland');
    expect(countryName('en', 'AT')).toBe('Austria');
    expect(countryName('de', 'AT')).toBe('Österreich');
    expect(countryName('de', 'GB')).toBe('Vereinigtes Königreich');
  });

  it('accepts a lower-case code', () => {
    expect(countryName('en', 'ch')).toBe('Switzerland');
    expect(countryName('de', 'ch')).toBe('Schweiz');
  });

  it('falls back to the upper-case code for a country it cannot name', () => {
    expect(countryName('en', 'JP')).toBe('JP');
    expect(countryName('de', 'jp')).toBe('JP');
  });
});

// ---------------------------------------------------------------------------------------------
// html.ts

describe('escapeHtml', () => {
  it('escapes all five special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });

  it('escapes an existing entity again rather than trusting it', () => {
    expect(escapeHtml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });

  it('leaves other text, umlauts and line breaks alone', () => {
    expect(escapeHtml('Müller IT — 100 % \n ok')).toBe('Müller IT — 100 % \n ok');
    expect(escapeHtml('')).toBe('');
  });
});

describe('html template', () => {
  it('escapes every interpolated value but keeps the literal markup', () => {
    const name = HOSTILE_NAME;
    const domain = `"evil" & 'co'`;
    expect(html`<b>${name}</b> (${domain})`).toBe(
      `<b>${HOSTILE_NAME_ESCAPED}</b> (&quot;evil&quot; &amp; &#39;co&#39;)`,
    );
  });

  it('returns the literal text when nothing is interpolated', () => {
    expect(html`<i>as is & unchanged</i>`).toBe('<i>as is & unchanged</i>');
  });

  it('handles values at the very start and end', () => {
    expect(html`${'<'}x${'>'}`).toBe('&lt;x&gt;');
  });
});

describe('withSupportLink', () => {
  it('escapes the sentence and turns its {support} placeholder into a mailto link', () => {
    expect(withSupportLink('Write to <us> & {support}.', 'help@example.com')).toBe(
      'Write to &lt;us&gt; &amp; <a href="mailto:help@example.com">help@example.com</a>.',
    );
  });

  it('links every placeholder, and leaves a sentence without one as escaped text', () => {
    expect(withSupportLink('{support} or {support}', 'a@b.de')).toBe(
      '<a href="mailto:a@b.de">a@b.de</a> or <a href="mailto:a@b.de">a@b.de</a>',
    );
    expect(withSupportLink('No link & no address', 'a@b.de')).toBe('No link &amp; no address');
  });

  it('cannot be broken out of by the address it is given', () => {
    const hostile = '"><script>x</script>@evil.de';
    const link = withSupportLink('{support}', hostile);
    expect(link).not.toContain('<script>');
    expect(link).not.toMatch(/href="[^"]*"[^>]/);
    expect(link.startsWith('<a href="mailto:')).toBe(true);
    expect(link).toContain('&lt;script&gt;');
  });

  it('keeps placeholders of a translated sentence other than {support} as they are', () => {
    for (const language of LANGUAGES) {
      const sentence = translator(language)('recordProblem.text', { domain: 'a&b.de' });
      const linked = withSupportLink(sentence, 'help@example.com');
      expect(linked).toContain('a&amp;b.de');
      expect(linked).toContain('<a href="mailto:help@example.com">help@example.com</a>');
    }
  });
});
