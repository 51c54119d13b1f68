/**
 * Stored data that cannot be read is never overwritten silently (the built bundle in the runtime):
 * a damaged organisation record, a damaged directory, duplicate reseller ids, a damaged cached index.
 */
import { loadDirectory } from '../../dev/runtime/adapters';
import { DEMO_RESELLERS, generateResellers } from '../../dev/demo/resellers';
import type { LocalRuntime } from '../../dev/runtime/runtime';
import { approved, client, domainRecord, runtimeWith, storedState, user } from '../support/addon';

/** The fingerprint format 1 stored: all 32 bits of FNV-1a in base 36. */
function formatOneFingerprint(email: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < email.length; i++) hash = Math.imul(hash ^ email.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

const INDEX_KEYS = Array.from({ length: 64 }, (_, i) => `ix:${i}`);
const SUPPORT = 'support@reseller-connect.example';

describe('an organisation record that cannot be read', () => {
  it.each([
    ['garbage', 'not a record'],
    ['truncated', '2Ru\tt4k2'],
    ['a newer format', '3Ru\tt4k2ps\t1x8k3f\t\tR-00001\textra'],
    ['a date the decoder rejects', '2Ru\tzzzzzzzzzzzzzz\t1x8k3f\t\tR-00001'],
  ])('%s: the user is sent to support, nothing is written, the raw value is kept', (_label, raw) => {
    for (const [locale, title, click] of [
      ['en', 'Your organisation needs our support', 'Share contacts now'],
      ['de', 'Ihre Organisation braucht unseren Support', 'Kontakte jetzt freigeben'],
    ] as const) {
      const runtime = runtimeWith();
      runtime.host.scriptProperties.setAll({ 'd:kaputt.example': raw }, false);
      const anna = client(runtime, user('anna@kaputt.example', locale));
      expect(anna.card.name).toBe('recordProblem');
      expect(anna.texts()).toContain(title);
      // The way to reach support is a link, not just the words.
      expect(JSON.stringify(anna.card)).toContain(`<a href=\\"mailto:${SUPPORT}\\">${SUPPORT}</a>`);
      const before = storedState(runtime);
      // Actions from cards that were open before (or forged) change nothing either.
      const mueller = approved('Müller IT GmbH');
      anna.runAction({
        function: 'onConfirmReseller',
        parameters: [
          { key: 'resellerId', value: mueller.id },
          { key: 'domain', value: 'kaputt.example' },
        ],
      });
      expect(anna.card.name).toBe('recordProblem');
      anna.runAction({ function: 'onAnswerDirect' });
      anna.runAction({ function: 'onAnswerLater' });
      anna.runAction({ function: 'onSubmitChangeRequest' });
      expect(storedState(runtime)).toBe(before);
      expect(domainRecord(runtime, 'kaputt.example')).toBe(raw);
      expect(anna.buttons().map((b) => b.text)).not.toContain(click);
    }
  });

  it('reads records of the older format 1, which still carried the name', () => {
    const runtime = runtimeWith();
    const mueller = approved('Müller IT GmbH');
    runtime.host.scriptProperties.setAll(
      {
        'd:alt.example': `R\tt4k2ps\tu\t${formatOneFingerprint('anna@alt.example')}\t\t${mueller.id}\tAlter Name`,
      },
      false,
    );
    const anna = client(runtime, user('anna@alt.example'));
    expect(anna.card.name).toBe('status');
    // The directory's name, not the stale copy in the old record; and still "set by you".
    expect(anna.texts()).toContain(mueller.name);
    expect(anna.texts().some((t) => t.includes('Set by you'))).toBe(true);
  });
});

function damageChunk(runtime: LocalRuntime, n: number, damage: (text: string) => string | null): void {
  const store = runtime.host.scriptProperties;
  const text = store.get(`r:${n}`) ?? '';
  const damaged = damage(text);
  if (damaged === null) store.delete(`r:${n}`);
  else store.setAll({ [`r:${n}`]: damaged }, false);
}

describe('a directory that cannot be read', () => {
  const big = generateResellers(400);

  it.each([
    ['a truncated chunk', (text: string) => text.slice(0, text.length - 40)],
    ['a missing chunk', () => null],
    ['a changed letter', (text: string) => text.replace('GmbH', 'GmbX')],
  ])('%s: typeahead keeps the last good index; no partial index replaces it', (_label, damage) => {
    const runtime = runtimeWith(big);
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('I have a Google Workspace reseller');
    const good = anna.suggest('resellerQuery', 'Cloud');
    expect(good.length).toBeGreaterThan(0);
    const cachedBefore = JSON.stringify(runtime.host.scriptCache.getAll(INDEX_KEYS));
    damageChunk(runtime, 1, damage);
    // A Search (which checks the index against the directory's content) still works from the cache.
    expect(anna.suggest('resellerQuery', 'Cloud')).toEqual(good);
    anna.type('resellerQuery', 'Cloud');
    anna.click('Search');
    expect(anna.texts().some((t) => /resellers match/.test(t))).toBe(true);
    expect(JSON.stringify(runtime.host.scriptCache.getAll(INDEX_KEYS))).toBe(cachedBefore);

    // Without a cached index there is no good one: the user is told, nothing partial is cached.
    runtime.host.scriptCache.evictAll();
    expect(anna.suggest('resellerQuery', 'Cloud')).toEqual([]);
    expect(Object.keys(runtime.host.scriptCache.getAll(INDEX_KEYS))).toEqual([]);
    anna.click('Search');
    expect(anna.texts()).toContain(
      `The list of resellers cannot be read right now, so nothing can be searched. Our support team has been told. Please try again later, or write to them at ${SUPPORT}.`,
    );
    // And the problem is logged for support.
    expect(anna.last.logs.some((line) => /directory cannot be read/.test(line))).toBe(true);
  });

  it('a bound organisation is told its reseller cannot be named right now, not that it was removed', () => {
    const runtime = runtimeWith();
    const mueller = approved('Müller IT GmbH');
    const anna = client(runtime, user('anna@kunde.example', 'de'));
    anna.runAction({ function: 'onConfirmReseller', parameters: [{ key: 'resellerId', value: mueller.id }] });
    runtime.host.scriptProperties.setAll({ 'r:0': 'beschädigt' }, false);
    runtime.host.scriptCache.evictAll();
    const before = storedState(runtime);
    anna.openHomepage();
    expect(anna.card.name).toBe('status');
    expect(anna.texts()).toContain(
      `Ihr Reseller (${mueller.id}); sein Name kann gerade nicht angezeigt werden`,
    );
    expect(Object.keys(runtime.host.scriptCache.getAll(['nm:0', 'nm:1', 'ix:0']))).toEqual([]);
    expect(storedState(runtime)).toBe(before);
  });

  it('a damaged meta entry: confirming is refused with a clear message, nothing stored', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example', 'de'));
    anna.click('Ich habe einen Google Workspace-Reseller');
    anna.type('resellerQuery', 'Müller');
    anna.click('Suchen');
    anna.click('Auswählen');
    expect(anna.card.name).toBe('confirm');
    runtime.host.scriptProperties.setAll({ 'r:meta': 'RD2\tv\t26' }, false);
    const before = storedState(runtime);
    anna.click('Kontakte jetzt freigeben');
    expect(anna.notification).toContain('Die Liste der Reseller kann gerade nicht gelesen werden');
    expect(storedState(runtime)).toBe(before);
  });
});

describe('the same reseller id twice in the directory', () => {
  it('keeps one entry per id, and a suspended copy is never shadowed by an approved one', () => {
    const mueller = approved('Müller IT GmbH');
    for (const order of ['suspended first', 'approved first']) {
      const copies = [mueller, { ...mueller, status: 'suspended' as const }];
      const runtime = runtimeWith([]);
      const written = loadDirectory(runtime.host, [
        ...DEMO_RESELLERS.filter((r) => r.id !== mueller.id),
        ...(order === 'suspended first' ? copies.reverse() : copies),
      ]);
      expect(written.conflicts.map((c) => c.id)).toEqual([mueller.id]);
      const anna = client(runtime, user('anna@doppelt.example'));
      anna.click('I have a Google Workspace reseller');
      expect(anna.suggest('resellerQuery', 'Müller IT').join(' ')).not.toContain('mueller-it.de');
      const before = storedState(runtime);
      anna.runAction({
        function: 'onConfirmReseller',
        parameters: [{ key: 'resellerId', value: mueller.id }],
      });
      expect(storedState(runtime)).toBe(before);
    }
  });
});

describe('a cached search index damaged but still well-formed', () => {
  it.each([
    ['a changed letter', (text: string) => text.replace('\nmuller it gmbh\t', '\nmuller ix gmbh\t')],
    [
      'two ids swapped',
      (text: string) =>
        text
          .replace('\tR-00001\n', '\tR-TEMP\n')
          .replace('\tR-00002\n', '\tR-00001\n')
          .replace('\tR-TEMP\n', '\tR-00002\n'),
    ],
  ])('%s: detected by its stamp on Search and rebuilt, not served for 6 hours', (_label, damage) => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@kunde.example'));
    anna.click('I have a Google Workspace reseller');
    anna.suggest('resellerQuery', 'Müller');
    const cache = runtime.host.scriptCache;
    const first = cache.getAll(['ix:0'])['ix:0'] ?? '';
    const damaged = damage(first);
    expect(damaged).not.toBe(first);
    cache.putAll({ 'ix:0': damaged }, 21_600);
    anna.type('resellerQuery', 'Müller IT');
    anna.click('Search');
    expect(cache.getAll(['ix:0'])['ix:0']).toBe(first);
    expect(anna.texts()).toContain('Müller IT GmbH');
    expect(anna.texts()).not.toContain('Müller IX GmbH');
  });
});
