/**
 * What the search index (format RSX8) guarantees beyond ranking: its stamp is a hash of all content,
 * so damage that keeps the text well-formed is caught by `verifySearchIndexContent`; labels are
 * unique and say when they name an id; one entry per id is decided before the status filter.
 */
import { DEMO_RESELLERS, generateResellers, mulberry32 } from '../../dev/demo/resellers';
import type { Reseller, ResellerStatus } from '../../src/domain/reseller';
import {
  buildSearchIndex,
  displayLabel,
  findResellerById,
  findResellerByLabel,
  labelFor,
  MAX_LABEL_LENGTH,
  MAX_QUERY_LENGTH,
  parseSearchIndex,
  searchResellers,
  verifySearchIndexContent,
  type SearchIndex,
} from '../../src/domain/search';
import { indexOf, reseller } from '../support/search-fixtures';

/** The text still parses (the cheap structural check) but its content is not what was built. */
function parsesButFailsVerification(text: string): void {
  const index = parseSearchIndex(text);
  expect(verifySearchIndexContent(index)).toBe(false);
}

const generatedText = buildSearchIndex(generateResellers(3000, 21));

describe('verifySearchIndexContent', () => {
  it('accepts every intact index, including an empty one', () => {
    for (const resellers of [[], DEMO_RESELLERS, generateResellers(3000, 21)]) {
      expect(verifySearchIndexContent(indexOf(resellers))).toBe(true);
    }
  });

  it('catches one changed letter in a name, which the structural check lets through', () => {
    const text = buildSearchIndex(DEMO_RESELLERS);
    // In the key every keystroke scans, and in the domain; either way the text still parses.
    parsesButFailsVerification(text.replace('\ncloudwerk gmbh\t', '\ncloudwerk gmbx\t'));
    parsesButFailsVerification(text.replace('\tcloudwerk.de\t', '\tcloudwerk.dx\t'));
  });

  it('catches two swapped ids', () => {
    const text = buildSearchIndex(DEMO_RESELLERS);
    const swapped = text
      .replace('\tR-00001\n', '\t#TMP#\n')
      .replace('\tR-00002\n', '\tR-00001\n')
      .replace('\t#TMP#\n', '\tR-00002\n');
    expect(swapped).not.toBe(text);
    parsesButFailsVerification(swapped);
  });

  it('catches two swapped record lines of the same length', () => {
    const text = buildSearchIndex([
      reseller('R-1', 'Alpha GmbH', 'alpha.de'),
      reseller('R-2', 'Bravo GmbH', 'bravo.de'),
    ]);
    // Name key, domain, spelling (empty: the default fits), country, id.
    const a = 'alpha gmbh\talpha.de\t\tDE\tR-1\n';
    const b = 'bravo gmbh\tbravo.de\t\tDE\tR-2\n';
    expect(text).toContain(a + b);
    parsesButFailsVerification(text.replace(a + b, b + a));
  });

  it('catches any one changed lower-case letter in a 3,000-reseller index that still parses', () => {
    const random = mulberry32(17);
    let tried = 0;
    while (tried < 200) {
      const at = Math.floor(random() * generatedText.length);
      const code = generatedText.charCodeAt(at);
      if (code < 97 || code > 122) continue;
      const changed =
        generatedText.slice(0, at) +
        (code === 122 ? 'a' : String.fromCharCode(code + 1)) +
        generatedText.slice(at + 1);
      let index: SearchIndex;
      try {
        index = parseSearchIndex(changed);
      } catch {
        continue;
      }
      tried++;
      expect([at, verifySearchIndexContent(index)]).toEqual([at, false]);
    }
  });

  it('needs the content check: the structural parse alone lets such damage through', () => {
    const text = buildSearchIndex(DEMO_RESELLERS);
    expect(() => parseSearchIndex(text.replace('\ncloudwerk gmbh\t', '\ncloudwerk gmbx\t'))).not.toThrow();
  });
});

describe('labels', () => {
  const twins = indexOf([
    reseller('R-1', 'Twin GmbH', 'twin.de'),
    reseller('R-2', 'Twin GmbH', 'twin.de'),
    reseller('R-3', 'Twin GmbH', 'twin.at', 'AT'),
  ]);

  it('says which suggestions share a display label and name their id only then', () => {
    expect(searchResellers(twins, 'twin').map((m) => [m.reseller.id, m.duplicate, m.label])).toEqual([
      ['R-3', false, 'Twin GmbH — twin.at (AT)'],
      ['R-1', true, 'Twin GmbH — twin.de (DE) [R-1]'],
      ['R-2', true, 'Twin GmbH — twin.de (DE) [R-2]'],
    ]);
  });

  it('labelFor words a label as the search does, or with the country named by the caller', () => {
    const r = reseller('R-1', 'Müller IT GmbH', 'mueller-it.de');
    expect(labelFor(r, false)).toBe(displayLabel(r));
    expect(labelFor(r, true)).toBe('Müller IT GmbH — mueller-it.de (DE) [R-1]');
    expect(labelFor(r, false, 'Deutschland')).toBe('Müller IT GmbH — mueller-it.de (Deutschland)');
    expect(labelFor(r, true, 'Germany')).toBe('Müller IT GmbH — mueller-it.de (Germany) [R-1]');
    for (const m of searchResellers(twins, 'twin')) expect(labelFor(m.reseller, m.duplicate)).toBe(m.label);
  });

  it('resolves a label worded by the caller, and only with the same wording', () => {
    const germanCountry = (
      r: Pick<Reseller, 'id' | 'name' | 'domain' | 'country'>,
      duplicate: boolean,
    ): string => labelFor(r, duplicate, r.country === 'AT' ? 'Österreich' : 'Deutschland');
    expect(findResellerByLabel(twins, 'Twin GmbH — twin.at (Österreich)', germanCountry)?.id).toBe('R-3');
    expect(findResellerByLabel(twins, 'Twin GmbH — twin.de (Deutschland) [R-2]', germanCountry)?.id).toBe(
      'R-2',
    );
    expect(findResellerByLabel(twins, 'Twin GmbH — twin.at (AT)', germanCountry)).toBeUndefined();
    expect(findResellerByLabel(twins, 'Twin GmbH — twin.at (Österreich)')).toBeUndefined();
  });

  it('keeps a label-length limit above every label and query, well below a huge text', () => {
    expect(MAX_LABEL_LENGTH).toBeGreaterThan(MAX_QUERY_LENGTH);
    expect(MAX_LABEL_LENGTH).toBeLessThanOrEqual(1000);
    const index = indexOf(generateResellers(3000, 21));
    for (const query of ['gmbh', 'cloud', 'digital', 'it']) {
      for (const m of searchResellers(index, query))
        expect(m.label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
    }
  });
});

describe('one entry per id, before the status filter', () => {
  const approved = reseller('R-1', 'Good GmbH', 'good.de');

  it.each<ResellerStatus>(['suspended', 'rejected', 'applied', 'agreement_sent', 'agreement_signed'])(
    'never indexes an approved copy of an id that also has a %s copy, in either order',
    (status) => {
      const other = { ...approved, status };
      for (const list of [
        [approved, other],
        [other, approved],
      ]) {
        const index = indexOf([...list, reseller('R-2', 'Other GmbH', 'other.de')]);
        expect(index.count).toBe(1);
        expect(findResellerById(index, 'R-1')).toBeUndefined();
        expect(searchResellers(index, 'good')).toEqual([]);
        expect(findResellerByLabel(index, displayLabel(approved))).toBeUndefined();
      }
    },
  );
});
