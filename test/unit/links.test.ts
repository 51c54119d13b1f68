/**
 * Organisations with more than one domain: the stored texts (src/domain/organisation.ts) and
 * support's links and unlinks in the store (src/store/links.ts), on in-memory ports.
 */
import { DEMO_RESELLERS } from '../../dev/demo/resellers';
import {
  directAssignment,
  encodeAssignment,
  resellerAssignment,
  type Change,
} from '../../src/domain/assignment';
import {
  decodeOrganisation,
  encodePrimary,
  MAX_LINKED_DOMAINS,
  NO_RECORD_TEXT,
  organisationTexts,
  type StoredOrganisation,
} from '../../src/domain/organisation';
import type { Reseller } from '../../src/domain/reseller';
import {
  commitChoice,
  commitSupportAssignment,
  readAssignment,
  recordChangeRequest,
} from '../../src/store/assignments';
import { writeDirectory } from '../../src/store/directory';
import { KEYS } from '../../src/store/keys';
import { commitLink, commitLinks, type LinkInput } from '../../src/store/links';
import { listOutbox } from '../../src/store/outbox';
import { FakeLock, MemoryStore } from '../support/memory-ports';

const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);
const MUELLER = DEMO_RESELLERS[0] as Reseller;
const SCHAEFER = DEMO_RESELLERS[2] as Reseller;
const SUPPORT = 'support@resellerconnect.example';

const acme: StoredOrganisation = {
  organisation: 'acme.de',
  record: resellerAssignment(MUELLER.id, 'anna@acme.de', NOW),
  links: ['acme.at', 'mail.acme.de'],
};

describe('stored organisation texts', () => {
  it('keeps an organisation without links exactly as its record (older stores read unchanged)', () => {
    const plain = { ...acme, links: [] };
    expect(encodePrimary(plain)).toBe(encodeAssignment(plain.record));
    expect(decodeOrganisation('acme.de', encodeAssignment(plain.record))).toEqual(plain);
  });

  it('gives every linked domain a copy that reads as the whole organisation', () => {
    const texts = organisationTexts({ ...acme, links: ['mail.acme.de', 'acme.at', 'acme.at'] });
    expect([...texts.keys()]).toEqual(['acme.de', 'acme.at', 'mail.acme.de']);
    for (const [domain, text] of texts) expect(decodeOrganisation(domain, text)).toEqual(acme);
  });

  it('reads damage as damage: a changed letter, a copy under a domain its primary does not list, a cut text', () => {
    const texts = organisationTexts(acme);
    const copy = texts.get('acme.at') as string;
    const primary = texts.get('acme.de') as string;
    expect(decodeOrganisation('acme.at', copy.replace('acme.de\n', 'acme.dk\n'))).toBeNull();
    expect(decodeOrganisation('acme.ch', copy)).toBeNull();
    expect(decodeOrganisation('acme.de', primary.replace('acme.at', 'acme.it'))).toBeNull();
    expect(decodeOrganisation('acme.de', primary.slice(0, -3))).toBeNull();
    expect(decodeOrganisation('acme.at', copy.slice(0, 20))).toBeNull();
  });

  it('refuses to store what it would not read back', () => {
    const many = Array.from({ length: MAX_LINKED_DOMAINS + 1 }, (_, i) => `d${i}.acme.de`);
    expect(() => encodePrimary({ ...acme, links: many })).toThrow(/too many/);
    expect(() => encodePrimary({ ...acme, links: ['acme.de'] })).toThrow(/linked domain/);
    expect(() => encodePrimary({ ...acme, links: ['not a domain'] })).toThrow(/linked domain/);
  });
});

function storeWith(...organisations: StoredOrganisation[]): MemoryStore {
  const store = new MemoryStore();
  writeDirectory(store, new FakeLock(), DEMO_RESELLERS, 'demo-1');
  const values: Record<string, string> = {};
  for (const o of organisations)
    for (const [domain, text] of organisationTexts(o)) values[KEYS.domain(domain)] = text;
  store.setAll(values);
  store.resetCalls();
  return store;
}

function link(domain: string, organisation: string, kind: LinkInput['kind'] = 'link'): LinkInput {
  return { kind, domain, organisation, actorEmail: SUPPORT, reason: 'Same company', clock: () => NOW };
}

function changes(store: MemoryStore): Change[] {
  return listOutbox(store.snapshot()).changes;
}

describe('commitLink', () => {
  const plainAcme = { ...acme, links: [] };

  it('links a domain in one locked write: the organisation, its copy and the change', () => {
    const store = storeWith(plainAcme);
    expect(commitLink(store, new FakeLock(), link('acme.at', 'acme.de'))).toEqual({
      outcome: 'linked',
      organisation: 'acme.de',
    });
    expect(store.calls.setAll).toBe(1);
    const expected = { state: 'ok', record: acme.record, organisation: 'acme.de', links: ['acme.at'] };
    expect(readAssignment(store, 'acme.at')).toEqual(expected);
    expect(readAssignment(store, 'acme.de')).toEqual(expected);
    expect(changes(store)).toEqual([
      {
        seq: 1,
        type: 'linked',
        domain: 'acme.at',
        organisation: 'acme.de',
        actorEmail: SUPPORT,
        at: NOW,
        reason: 'Same company',
      },
    ]);
  });

  it('names the organisation by any of its domains, and does nothing when already so', () => {
    const store = storeWith(acme);
    expect(commitLink(store, new FakeLock(), link('shop.acme.de', 'acme.at'))).toEqual({
      outcome: 'linked',
      organisation: 'acme.de',
    });
    expect(commitLink(store, new FakeLock(), link('acme.at', 'mail.acme.de'))).toEqual({
      outcome: 'unchanged',
      organisation: 'acme.de',
    });
    expect(readAssignment(store, 'mail.acme.de')).toMatchObject({
      links: ['acme.at', 'mail.acme.de', 'shop.acme.de'],
    });
    expect(changes(store)).toHaveLength(1);
  });

  it('moves a domain linked elsewhere, and replaces a domain’s own answer', () => {
    const other: StoredOrganisation = {
      organisation: 'other.de',
      record: directAssignment('ben@other.de', NOW),
      links: ['acme.at'],
    };
    const store = storeWith(plainAcme, other, {
      organisation: 'acme.ch',
      record: directAssignment('cleo@acme.ch', NOW),
      links: [],
    });
    expect(commitLink(store, new FakeLock(), link('acme.at', 'acme.de')).outcome).toBe('linked');
    expect(readAssignment(store, 'other.de')).toMatchObject({ links: [] });
    expect(commitLink(store, new FakeLock(), link('acme.ch', 'acme.de')).outcome).toBe('linked');
    expect(readAssignment(store, 'acme.ch')).toMatchObject({ organisation: 'acme.de', record: acme.record });
  });

  it.each<[string, LinkInput, string]>([
    ['the organisation itself', link('acme.de', 'acme.de'), 'sameDomain'],
    ['an organisation without an answer', link('acme.at', 'nobody.de'), 'noOrganisation'],
    ['a domain with links of its own', link('acme.de', 'other.de'), 'hasLinks'],
    ['an unlink of a domain not linked there', link('acme.at', 'other.de', 'unlink'), 'notLinked'],
    ['an unlink of an organisation itself', link('acme.de', 'acme.de', 'unlink'), 'notLinked'],
  ])('refuses %s and writes nothing', (_, input, outcome) => {
    const store = storeWith(acme, {
      organisation: 'other.de',
      record: directAssignment('ben@other.de', NOW),
      links: [],
    });
    const before = store.snapshot();
    expect(commitLink(store, new FakeLock(), input).outcome).toBe(outcome);
    expect(store.snapshot()).toEqual(before);
  });

  it('refuses a damaged record and more links than an organisation may have', () => {
    const store = storeWith(plainAcme);
    store.setAll({ [KEYS.domain('acme.at')]: '>zz\tdamaged' });
    expect(commitLink(store, new FakeLock(), link('acme.at', 'acme.de'))).toEqual({
      outcome: 'unreadable',
      domain: 'acme.at',
    });
    const full = storeWith({
      ...acme,
      links: Array.from({ length: MAX_LINKED_DOMAINS }, (_, i) => `d${i}.acme.de`),
    });
    expect(commitLink(full, new FakeLock(), link('acme.at', 'acme.de')).outcome).toBe('tooMany');
  });

  it('unlinks: the domain has no answer of its own then, in the same write', () => {
    const store = storeWith(acme);
    expect(commitLink(store, new FakeLock(), link('acme.at', 'acme.de', 'unlink'))).toEqual({
      outcome: 'unlinked',
      organisation: 'acme.de',
    });
    expect(store.calls.setAll).toBe(1);
    expect(store.snapshot()[KEYS.domain('acme.at')]).toBe(NO_RECORD_TEXT);
    expect(readAssignment(store, 'acme.at')).toEqual({ state: 'none' });
    expect(readAssignment(store, 'mail.acme.de')).toMatchObject({ links: ['mail.acme.de'] });
  });

  it('applies a batch in order, each seeing the one before', () => {
    const store = storeWith(plainAcme);
    const result = commitLinks(store, new FakeLock(), [
      link('acme.at', 'acme.de'),
      link('shop.acme.de', 'acme.at'),
      link('acme.at', 'acme.de', 'unlink'),
    ]);
    expect(result).toEqual({
      outcome: 'saved',
      results: [
        { outcome: 'linked', organisation: 'acme.de' },
        { outcome: 'linked', organisation: 'acme.de' },
        { outcome: 'unlinked', organisation: 'acme.de' },
      ],
    });
    expect(store.calls.setAll).toBe(1);
    expect(changes(store).map((c) => [c.seq, c.type, c.domain])).toEqual([
      [1, 'linked', 'acme.at'],
      [2, 'linked', 'shop.acme.de'],
      [3, 'unlinked', 'acme.at'],
    ]);
  });
});

describe('changes from a linked domain', () => {
  it('change the organisation: every copy stays equal, and the change names the organisation', () => {
    const store = storeWith({ ...acme, record: directAssignment('anna@acme.de', NOW) });
    const chosen = commitChoice(store, new FakeLock(), {
      domain: 'acme.at',
      actorEmail: 'eva@acme.at',
      choice: { kind: 'reseller', resellerId: MUELLER.id },
      clock: () => NOW + 1000,
    });
    expect(chosen.outcome).toBe('saved');
    const requested = recordChangeRequest(store, new FakeLock(), {
      domain: 'mail.acme.de',
      actorEmail: 'max@mail.acme.de',
      reason: 'We moved to another partner',
      clock: () => NOW + 2000,
    });
    expect(requested.outcome).toBe('recorded');
    const assigned = commitSupportAssignment(store, new FakeLock(), {
      domain: 'acme.at',
      actorEmail: SUPPORT,
      resellerId: SCHAEFER.id,
      reason: 'Contract moved',
      clock: () => NOW + 3000,
    });
    expect(assigned.outcome).toBe('saved');
    const states = ['acme.de', 'acme.at', 'mail.acme.de'].map((d) => readAssignment(store, d));
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    expect(states[0]).toMatchObject({
      record: { kind: 'reseller', resellerId: SCHAEFER.id, source: 'support' },
      links: ['acme.at', 'mail.acme.de'],
    });
    expect(changes(store).map((c) => [c.type, c.domain])).toEqual([
      ['assigned', 'acme.de'],
      ['changeRequested', 'acme.de'],
      ['supportAssigned', 'acme.de'],
    ]);
  });
});
