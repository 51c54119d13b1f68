import { generateResellers } from '../../dev/demo/resellers';
import type { Reseller } from '../../src/domain/reseller';
import {
  buildSearchIndex,
  labelFor,
  parseSearchIndex,
  searchResellers,
  verifySearchIndexContent,
} from '../../src/domain/search';
import {
  buildSegmentTexts,
  findSegmentedById,
  findSegmentedByLabel,
  parseSegments,
  searchSegments,
} from '../../src/domain/segmented-search';

const resellers = generateResellers(3000, 5);
const whole = parseSearchIndex(buildSearchIndex(resellers));
const texts = buildSegmentTexts(resellers, 90_000);
const segmented = parseSegments(texts);

describe('a segmented search index', () => {
  it('keeps every segment within one cache value', () => {
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(90_000);
    const total = segmented.reduce((sum, segment) => sum + segment.count, 0);
    expect(total).toBe(resellers.filter((r) => r.status === 'approved').length);
  });

  it('ranks exactly as one index would, over many typed queries', () => {
    const approved = resellers.filter((r) => r.status === 'approved');
    const queries = approved
      .slice(0, 150)
      .flatMap((r, i) => [r.name.slice(0, 2 + (i % 8)), r.domain.slice(0, 5)]);
    queries.push('cloud', 'digital', 'mueller', 'Müller', 'schafer', 'sytemhaus', 'it');
    for (const query of queries) {
      const expected = searchResellers(whole, query, 10).map((m) => m.label);
      expect([query, searchSegments(segmented, query, 10).map((m) => m.label)]).toEqual([query, expected]);
    }
  });

  it('finds a reseller by id and by label in any segment', () => {
    const last = resellers.filter((r) => r.status === 'approved').at(-1) as Reseller;
    expect(findSegmentedById(segmented, last.id)?.id).toBe(last.id);
    const label = searchSegments(segmented, last.name, 1)[0]?.label ?? '';
    expect(findSegmentedByLabel(segmented, label)).toBeDefined();
    expect(findSegmentedById(segmented, 'R-99999')).toBeUndefined();
  });

  it('keeps resellers with the same label in one segment, so their labels stay distinct', () => {
    // Ids of their own: the generated directory already uses R-00001 and R-00002.
    const twin: Reseller = {
      id: 'T-00001',
      name: 'Twin IT GmbH',
      domain: 'twin.de',
      country: 'DE',
      status: 'approved',
    };
    const twins = [twin, { ...twin, id: 'T-00002' }];
    const many = [...resellers.slice(0, 400), ...twins, ...resellers.slice(400, 800)];
    const index = parseSegments(buildSegmentTexts(many, 5_000));
    const labels = searchSegments(index, 'twin it', 10).map((m) => m.label);
    expect(labels).toHaveLength(2);
    expect(new Set(labels).size).toBe(2);
  });

  it('builds segments that each pass the content check', () => {
    for (const segment of segmented) expect(verifySearchIndexContent(segment)).toBe(true);
  });

  it('returns the same labels and duplicate flags as one index would', () => {
    for (const query of ['twin', 'cloud', 'gmbh']) {
      const expected = searchResellers(whole, query, 10).map((m) => [m.label, m.duplicate]);
      const actual = searchSegments(segmented, query, 10).map((m) => [
        labelFor(m.reseller, m.duplicate),
        m.duplicate,
      ]);
      expect([query, actual]).toEqual([query, expected]);
    }
  });
});
