import {
  generateRealisticDirectory,
  generateRealisticResellers,
  MAX_DOMAIN_LENGTH,
  MAX_NAME_LENGTH,
} from '../../dev/demo/realistic-resellers';
import { QUERY_KINDS, qualityQueries, withinOneEdit } from '../../bench/quality-queries';

describe('realistic reseller directories', () => {
  const small = generateRealisticDirectory(400, 1);
  const large = generateRealisticDirectory(5000, 1);

  it('is deterministic for a size and seed, and differs by seed', () => {
    expect(generateRealisticDirectory(400, 1)).toEqual(small);
    expect(generateRealisticResellers(400, 2)).not.toEqual(small.resellers);
  });

  it.each([
    ['400', small],
    ['5,000', large],
  ])('at %s: the size asked for, unique ids and domains, the directory limits', (_, { resellers }) => {
    expect(resellers).toHaveLength(resellers === small.resellers ? 400 : 5000);
    expect(new Set(resellers.map((r) => r.id)).size).toBe(resellers.length);
    expect(new Set(resellers.map((r) => r.domain)).size).toBe(resellers.length);
    expect(new Set(resellers.map((r) => r.name.toLowerCase())).size).toBe(resellers.length);
    for (const r of resellers) {
      expect(r.id).toMatch(/^R-\d{5}$/);
      expect(r.name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      expect(r.domain.length).toBeLessThanOrEqual(MAX_DOMAIN_LENGTH);
      expect(r.domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(['DE', 'AT', 'CH']).toContain(r.country);
    }
    const approved = resellers.filter((r) => r.status === 'approved').length;
    expect(approved / resellers.length).toBeGreaterThan(0.8);
    expect(approved).toBeLessThan(resellers.length);
  });

  it('writes umlauts, ß, legal forms in their spellings and &/+/und names', () => {
    const names = large.resellers.map((r) => r.name);
    for (const pattern of [
      /ä|ö|ü/,
      /ß/,
      / GmbH$/,
      / mbH$/,
      / AG$/,
      / KG$/,
      / OHG$/,
      / GbR$/,
      / SE$/,
      / e\.K\.$/,
    ]) {
      expect(names.some((n) => pattern.test(n))).toBe(true);
    }
    for (const form of [
      'UG (haftungsbeschränkt)',
      'GmbH & Co. KG',
      'Sàrl',
      'S.à r.l.',
      'S.r.l.',
      'Ltd',
      'LLC',
      'B.V.',
    ])
      expect(names.some((n) => n.endsWith(` ${form}`))).toBe(true);
    for (const joint of [' & ', ' + ', ' und ']) expect(names.some((n) => n.includes(joint))).toBe(true);
  });

  it('has families of near-duplicates: legal-form variants, branches, cities and decoys', () => {
    const byId = new Map(large.resellers.map((r) => [r.id, r]));
    expect(large.families.length).toBeGreaterThan(100);
    expect(small.families.length).toBeGreaterThan(5);
    const roles = new Set(large.families.flatMap((f) => f.members.map((m) => m.role)));
    expect([...roles].sort()).toEqual(['branch', 'city', 'decoy', 'legal form', 'main']);
    for (const family of large.families) {
      expect(family.members.length).toBeGreaterThanOrEqual(2);
      for (const member of family.members) {
        const name = byId.get(member.id)?.name ?? '';
        const head = member.role === 'decoy' ? family.surname : family.core;
        expect(name.startsWith(`${head} `)).toBe(true);
        expect(name).toContain(member.distinguishing);
      }
    }
    // "Müller IT GmbH" next to "Müller IT AG": one core, several legal forms.
    expect(large.families.some((f) => f.members.filter((m) => m.role !== 'decoy').length >= 4)).toBe(true);
  });
});

describe('the quality query set', () => {
  it.each([400, 5000])(
    'at %i: every kind, expected ids exist and are approved (and the same twice)',
    (size) => {
      const { resellers, families } = generateRealisticDirectory(size, 1);
      const queries = qualityQueries(resellers, families, 1);
      if (size === 400) expect(qualityQueries(resellers, families, 1)).toEqual(queries);
      const byId = new Map(resellers.map((r) => [r.id, r]));
      for (const q of queries) {
        expect(byId.get(q.expectedId)?.status).toBe('approved');
        expect(q.text.trim().length).toBeGreaterThanOrEqual(2);
        expect(q.text.length).toBeLessThanOrEqual(100);
      }
      for (const kind of QUERY_KINDS) {
        const ofKind = queries.filter((q) => q.kind === kind);
        expect(ofKind.length).toBeGreaterThanOrEqual(50);
        expect(ofKind.length).toBeLessThanOrEqual(150);
        expect(ofKind.filter((q) => !q.ambiguous).length).toBeGreaterThan(ofKind.length / 2);
      }
      const typos = queries.filter((q) => q.kind === 'one typo');
      expect(new Set(typos.map((q) => q.typo))).toEqual(
        new Set(['substitution', 'deletion', 'insertion', 'transposition']),
      );
      expect(typos.every((q) => q.uniqueAfterCorrection === !q.ambiguous)).toBe(true);
    },
  );

  it('counts one edit the way the typo queries are made', () => {
    expect(withinOneEdit('muller', 'muller')).toBe(true);
    expect(withinOneEdit('mulxer', 'muller')).toBe(true);
    expect(withinOneEdit('mullr', 'muller')).toBe(true);
    expect(withinOneEdit('mulller', 'muller')).toBe(true);
    expect(withinOneEdit('mulelr', 'muller')).toBe(true);
    expect(withinOneEdit('mlulre', 'muller')).toBe(false);
    expect(withinOneEdit('mul', 'muller')).toBe(false);
  });
});
