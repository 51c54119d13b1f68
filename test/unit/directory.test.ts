/**
 * The reseller directory in Script Properties: chunks sorted by id and a meta entry with a count and
 * per-chunk first id, line count and checksum. Damage is reported, never read as a partial directory.
 */
import { DEMO_RESELLERS, generateResellers, mulberry32 } from '../../dev/demo/resellers';
import { checksum } from '../../src/domain/hash';
import { RESELLER_STATUSES, type Reseller } from '../../src/domain/reseller';
import {
  decodeMeta,
  DirectoryWriteError,
  EMPTY_VERSION,
  findInDirectory,
  packLines,
  readDirectory,
  writeDirectory,
  type DirectoryMeta,
} from '../../src/store/directory';
import { KEYS, PROPERTY_CHUNK_BYTES } from '../../src/store/keys';
import { FakeLock, MemoryStore } from '../support/memory-ports';

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function chunkKeys(store: MemoryStore): string[] {
  return [...store.data.keys()].filter((key) => /^r:\d+$/.test(key)).sort();
}

function written(
  resellers: readonly Reseller[],
  version = 'v1',
): { store: MemoryStore; meta: DirectoryMeta } {
  const store = new MemoryStore();
  const { meta } = writeDirectory(store, new FakeLock(), resellers, version);
  store.resetCalls();
  return { store, meta };
}

function read(store: MemoryStore): Reseller[] {
  const result = readDirectory(store.getAll());
  if (!result.ok) throw new Error(`directory unreadable: ${result.problem}`);
  return result.resellers;
}

function byId(a: Reseller, b: Reseller): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A directory written by hand, line by line, with a correct meta entry unless told otherwise. */
function rawDirectory(
  chunks: readonly string[][],
  options: { version?: string; count?: number; lines?: number[]; firstIds?: string[] } = {},
): Record<string, string> {
  const infos = chunks.map((lines, n) => {
    const first = options.firstIds?.[n] ?? (lines[0] ?? '').split('\t')[0];
    // A broken line may have no id: the range then ends at the last id the chunk has.
    const ids = lines.map((line) => line.split('\t')[0] ?? '').filter((id) => /^[A-Za-z0-9._-]+$/.test(id));
    const last = ids.reduce((a, b) => (a > b ? a : b), first ?? '');
    return `${first} ${last} ${options.lines?.[n] ?? lines.length} ${checksum(lines.join('\n'))}`;
  });
  const count =
    options.count ?? chunks.reduce((sum, lines, n) => sum + (options.lines?.[n] ?? lines.length), 0);
  const all: Record<string, string> = {
    [KEYS.directoryMeta]: ['RD2', options.version ?? 'v1', count, chunks.length, ...infos].join('\t'),
  };
  chunks.forEach((lines, n) => (all[KEYS.directoryChunk(n)] = lines.join('\n')));
  return all;
}

function expectProblem(all: Record<string, string>, problem: RegExp): void {
  const result = readDirectory(all);
  // Exactly a problem: no list, not even part of one.
  expect(result).toEqual({ ok: false, problem: expect.stringMatching(problem) });
}

describe('packLines', () => {
  it('returns no chunks for no lines', () => {
    expect(packLines([], 100)).toEqual([]);
  });

  it('fills a chunk while the lines fit and starts a new one when the next would not', () => {
    expect(packLines(['ab', 'cd', 'ef'], 5)).toEqual([['ab', 'cd'], ['ef']]);
    expect(packLines(['ab', 'cd', 'ef'], 100)).toEqual([['ab', 'cd', 'ef']]);
  });

  it('counts UTF-8 bytes, not UTF-16 units, and the newline between lines', () => {
    // 'ä' is 2 bytes, '€' 3, '😀' 4 (one surrogate pair).
    expect(() => packLines(['ä'.repeat(5) + 'a'], 10)).toThrow(DirectoryWriteError);
    expect(packLines(['ä'.repeat(5)], 10)).toEqual([['ä'.repeat(5)]]);
    expect(() => packLines(['€'.repeat(3)], 8)).toThrow(DirectoryWriteError);
    expect(packLines(['€'.repeat(3)], 9)).toEqual([['€'.repeat(3)]]);
    expect(packLines(['😀😀'], 8)).toEqual([['😀😀']]);
    expect(() => packLines(['😀😀'], 7)).toThrow(DirectoryWriteError);
    expect(packLines(['ää', 'ää', 'ää'], 9)).toEqual([['ää', 'ää'], ['ää']]);
  });

  it('never exceeds the byte limit and never splits a line, with multi-byte names', () => {
    const random = mulberry32(7);
    const alphabet = ['a', 'Z', ' ', 'ä', 'ß', 'é', '€', '—', '中', '😀', '🇩🇪', '&', '<'];
    const lines = Array.from({ length: 2000 }, (_, i) => {
      const length = 1 + Math.floor(random() * 120);
      let line = `R-${i}\t`;
      for (let j = 0; j < length; j++) line += alphabet[Math.floor(random() * alphabet.length)] ?? '';
      return line;
    });
    for (const limit of [600, 1000, PROPERTY_CHUNK_BYTES]) {
      const chunks = packLines(lines, limit);
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) expect(utf8Bytes(chunk.join('\n'))).toBeLessThanOrEqual(limit);
      expect(chunks.flat()).toEqual(lines);
    }
  });

  it('refuses a single line larger than the limit rather than splitting it', () => {
    expect(() => packLines(['short', 'x'.repeat(50)], 20)).toThrow('a record is larger than 20 bytes');
  });
});

/** One reseller in every status, with names that stress the line format. */
const EVERY_STATUS: Reseller[] = RESELLER_STATUSES.map((status, i) => ({
  id: `R-9${String(i).padStart(4, '0')}`,
  name:
    ['Müller\tIT GmbH', 'Zeile 1\nZeile 2', 'CR\r\nLF', '<b>Bold</b> & Co', 'Ærø ÿ 中文 😀', 'Plain'][i] ??
    'X',
  domain: `status-${status}.de`,
  country: ['DE', 'AT', 'CH', 'GB', 'FR', 'US'][i] ?? 'DE',
  status,
}));

function flattened(r: Reseller): Reseller {
  const flat = (text: string): string => text.replace(/[\t\n\r]/g, ' ');
  return { id: r.id, name: flat(r.name), domain: flat(r.domain), country: flat(r.country), status: r.status };
}

describe('writeDirectory / readDirectory', () => {
  it('round-trips resellers of every status, with tabs and line breaks in names flattened to spaces', () => {
    const { store } = written(EVERY_STATUS);
    const resellers = read(store);
    expect(resellers).toEqual(EVERY_STATUS.map(flattened));
    expect(resellers.map((r) => r.status)).toEqual([...RESELLER_STATUSES]);
    expect(resellers[0]?.name).toBe('Müller IT GmbH');
    expect(resellers[2]?.name).toBe('CR  LF');
  });

  it('round-trips a realistic directory of 5,000 resellers, sorted by id whatever the input order', () => {
    const resellers = generateResellers(5000);
    const shuffled = [...resellers].reverse();
    const { store, meta } = written(shuffled);
    expect(read(store)).toEqual(resellers);
    expect(meta.count).toBe(5000);
    expect(meta.chunks.length).toBeGreaterThan(10);
  });

  it('writes the chunks, the meta entry and (once) the commit counter in one setAll call', () => {
    const store = new MemoryStore();
    const result = writeDirectory(store, new FakeLock(), DEMO_RESELLERS, '2026-11-23');
    expect(result.meta).toEqual({
      format: 'RD3',
      version: '2026-11-23',
      count: DEMO_RESELLERS.length,
      chunks: [
        {
          firstId: 'R-00001',
          lastId: DEMO_RESELLERS.map((r) => r.id)
            .sort()
            .at(-1),
          lines: DEMO_RESELLERS.length,
          checksum: expect.stringMatching(/^[0-9a-z]+$/),
        },
      ],
    });
    expect(result.resellers).toEqual([...DEMO_RESELLERS].sort(byId));
    expect(result.conflicts).toEqual([]);
    expect(store.calls.setAll).toBe(1);
    expect(Object.keys(store.writes[0] ?? {}).sort()).toEqual([
      KEYS.sequence,
      KEYS.directoryChunk(0),
      KEYS.directoryMeta,
    ]);
    expect(store.data.get(KEYS.sequence)).toBe('0');
    expect(decodeMeta(store.data.get(KEYS.directoryMeta))).toEqual(result.meta);
    expect(readDirectory(store.getAll())).toEqual({
      ok: true,
      meta: result.meta,
      resellers: result.resellers,
      conflicts: [],
    });
  });

  it('never resets a commit counter that is already there', () => {
    const store = new MemoryStore();
    store.data.set(KEYS.sequence, '1z');
    writeDirectory(store, new FakeLock(), DEMO_RESELLERS, 'v2');
    expect(store.data.get(KEYS.sequence)).toBe('1z');
    expect(Object.keys(store.writes[0] ?? {})).not.toContain(KEYS.sequence);
  });

  it('writes under the lock, and writes nothing when the lock cannot be had', () => {
    const store = new MemoryStore();
    const lock = new FakeLock();
    const outside: string[] = [];
    store.onAccess = (operation) => {
      if (!lock.held) outside.push(operation);
    };
    writeDirectory(store, lock, DEMO_RESELLERS, 'v1');
    expect(outside).toEqual([]);
    const before = store.snapshot();
    lock.busy = true;
    expect(() => writeDirectory(store, lock, generateResellers(100), 'v2')).toThrow(DirectoryWriteError);
    expect(store.snapshot()).toEqual(before);
  });

  it.each([
    ['an empty version', ''],
    ['a version with a tab', 'v\t1'],
    ['the version of no directory', EMPTY_VERSION],
    ['a version of 65 characters', 'v'.repeat(65)],
  ])('refuses %s', (_, version) => {
    const store = new MemoryStore();
    expect(() => writeDirectory(store, new FakeLock(), DEMO_RESELLERS, version)).toThrow(DirectoryWriteError);
    expect(store.data.size).toBe(0);
  });

  it.each(['', 'R 1', 'R\t1', 'R-1\n', 'Ä-1', 'x'.repeat(65)])(
    'refuses the reseller id %j and writes nothing',
    (id) => {
      const store = new MemoryStore();
      const resellers = [...DEMO_RESELLERS, { ...(DEMO_RESELLERS[0] as Reseller), id }];
      expect(() => writeDirectory(store, new FakeLock(), resellers, 'v1')).toThrow(DirectoryWriteError);
      expect(store.data.size).toBe(0);
    },
  );

  it('keeps every stored value within 8,000 UTF-8 bytes', () => {
    const wide = generateResellers(3000).map((r, i) => ({ ...r, name: `${'Ü€😀中'.repeat(20)} ${i}` }));
    for (const resellers of [generateResellers(5000), wide]) {
      const { store, meta } = written(resellers);
      expect(meta.chunks.length).toBeGreaterThan(1);
      expect(chunkKeys(store)).toHaveLength(meta.chunks.length);
      for (const value of store.data.values())
        expect(utf8Bytes(value)).toBeLessThanOrEqual(PROPERTY_CHUNK_BYTES);
      expect(read(store)).toHaveLength(resellers.length);
    }
  });

  it('deletes the chunks a larger previous directory left behind', () => {
    const store = new MemoryStore();
    const lock = new FakeLock();
    const large = writeDirectory(store, lock, generateResellers(3000), 'v1');
    expect(large.meta.chunks.length).toBeGreaterThan(3);
    const small = writeDirectory(store, lock, DEMO_RESELLERS, 'v2');
    expect(small.meta.chunks).toHaveLength(1);
    expect(chunkKeys(store)).toEqual([KEYS.directoryChunk(0)]);
    expect(read(store)).toEqual([...DEMO_RESELLERS].sort(byId));
  });

  it('keeps the other keys of the store untouched, and writes an empty directory', () => {
    const store = new MemoryStore();
    store.data.set('d:acme.de', 'record');
    store.data.set('o:1', 'change');
    writeDirectory(store, new FakeLock(), generateResellers(2000), 'v1');
    writeDirectory(store, new FakeLock(), [], 'v2');
    expect(store.data.get('d:acme.de')).toBe('record');
    expect(store.data.get('o:1')).toBe('change');
    expect(chunkKeys(store)).toEqual([]);
    expect(readDirectory(store.getAll())).toEqual({
      ok: true,
      meta: { format: 'RD3', version: 'v2', count: 0, chunks: [] },
      resellers: [],
      conflicts: [],
    });
  });

  it('reads an empty directory when there is no meta entry at all (a new installation)', () => {
    const empty = {
      ok: true,
      meta: { format: 'RD3', version: EMPTY_VERSION, count: 0, chunks: [] },
      resellers: [],
      conflicts: [],
    };
    expect(readDirectory({})).toEqual(empty);
  });

  it('reports chunks without their meta entry as damage, never as an empty directory', () => {
    expectProblem({ [KEYS.directoryChunk(0)]: 'R-1\tName\ta.de\tDE\tA' }, /meta entry is missing/);
    const { store } = written(DEMO_RESELLERS);
    store.data.delete(KEYS.directoryMeta);
    expect(findInDirectory(store, 'R-00001')).toEqual({
      ok: false,
      problem: 'the directory meta entry is missing',
    });
  });
});

describe('readDirectory of a damaged directory', () => {
  const resellers = generateResellers(3000, 4);
  const { store, meta } = written(resellers);
  const good = store.snapshot();
  const chunk = (n: number): string => good[KEYS.directoryChunk(n)] ?? '';
  const withChunk = (n: number, text: string | undefined): Record<string, string> => {
    const all = { ...good };
    if (text === undefined) delete all[KEYS.directoryChunk(n)];
    else all[KEYS.directoryChunk(n)] = text;
    return all;
  };

  it('reads the intact directory', () => {
    expect(meta.chunks.length).toBeGreaterThan(4);
    expect(read(store)).toHaveLength(3000);
  });

  it.each([0, 2, 'last'] as const)('reports a truncated chunk (%s)', (which) => {
    const n = which === 'last' ? meta.chunks.length - 1 : which;
    expectProblem(withChunk(n, chunk(n).slice(0, -10)), new RegExp(`chunk ${n}`));
    // Cut exactly at a line break, so that every remaining line is well-formed.
    expectProblem(withChunk(n, chunk(n).slice(0, chunk(n).lastIndexOf('\n'))), new RegExp(`chunk ${n}`));
  });

  it('reports a missing chunk', () => {
    expectProblem(withChunk(1, undefined), /chunk 1 is missing/);
    expectProblem(withChunk(meta.chunks.length - 1, undefined), /is missing/);
  });

  it('reports one changed letter anywhere in a chunk', () => {
    const random = mulberry32(3);
    for (let round = 0; round < 50; round++) {
      const n = Math.floor(random() * meta.chunks.length);
      const text = chunk(n);
      const at = Math.floor(random() * text.length);
      const letter = text.charAt(at) === 'a' ? 'b' : 'a';
      expectProblem(withChunk(n, text.slice(0, at) + letter + text.slice(at + 1)), new RegExp(`chunk ${n}`));
    }
  });

  it('reports two chunks swapped, and a chunk from another build of the directory', () => {
    expectProblem({ ...withChunk(0, chunk(1)), [KEYS.directoryChunk(1)]: chunk(0) }, /chunk 0/);
    const other = written(generateResellers(3000, 5)).store.snapshot();
    expectProblem(withChunk(2, other[KEYS.directoryChunk(2)]), /chunk 2/);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'garbage'],
    ['of the older format (version, chunks, count)', `v1\t${meta.chunks.length}\t3000`],
    ['of another format', (good[KEYS.directoryMeta] ?? '').replace(/^RD3/, 'RD1')],
    ['of a newer format', (good[KEYS.directoryMeta] ?? '').replace(/^RD3/, 'RD4')],
    ['without its last chunk', (good[KEYS.directoryMeta] ?? '').replace(/\t[^\t]*$/, '')],
  ])('reports a meta entry that is %s', (_, text) => {
    expectProblem({ ...good, [KEYS.directoryMeta]: text }, /meta entry cannot be read/);
  });

  it('reports a meta entry whose count does not add up', () => {
    const [format, version, count, ...rest] = (good[KEYS.directoryMeta] ?? '').split('\t');
    for (const wrong of [Number(count) - 1, Number(count) + 1, 0]) {
      expectProblem({ ...good, [KEYS.directoryMeta]: [format, version, wrong, ...rest].join('\t') }, /meta/);
    }
    const [chunks = '0', ...infos] = rest;
    expectProblem(
      { ...good, [KEYS.directoryMeta]: [format, version, count, Number(chunks) + 1, ...infos].join('\t') },
      /meta/,
    );
  });

  it('reports a chunk with fewer or more lines than its meta says, even with a matching checksum', () => {
    const lines = ['R-1\tA\ta.de\tDE\tA', 'R-2\tB\tb.de\tDE\tA', 'R-3\tC\tc.de\tDE\tA'];
    expect(readDirectory(rawDirectory([lines]))).toMatchObject({ ok: true, meta: { count: 3 } });
    expectProblem(rawDirectory([lines], { lines: [4] }), /chunk 0 has 3 lines, expected 4/);
    expectProblem(rawDirectory([lines], { lines: [2] }), /chunk 0 has 3 lines, expected 2/);
  });

  it('reports a chunk that does not start with the id its meta names', () => {
    const lines = ['R-1\tA\ta.de\tDE\tA', 'R-2\tB\tb.de\tDE\tA'];
    expectProblem(rawDirectory([lines], { firstIds: ['R-0'] }), /does not hold the ids R-0 to/);
  });

  it.each([
    ['an unknown status', 'R-2\tB\tb.de\tDE\t?'],
    ['a missing field', 'R-2\tB\tb.de\tDE'],
    ['an extra field', 'R-2\tB\tb.de\tDE\tA\tx'],
    ['an empty id', '\tB\tb.de\tDE\tA'],
    ['a malformed id', 'R 2\tB\tb.de\tDE\tA'],
    ['an empty line', ''],
  ])('reports a chunk holding a line with %s, instead of skipping it', (_, line) => {
    expectProblem(rawDirectory([['R-1\tA\ta.de\tDE\tA', line]]), /unreadable record/);
  });
});

describe('findInDirectory', () => {
  const resellers = generateResellers(5000, 6);
  const { store, meta } = written(resellers);
  const sorted = [...resellers].sort(byId);
  /** The resellers of each chunk, from the meta entry's line counts. */
  const chunks: Reseller[][] = [];
  let offset = 0;
  for (const info of meta.chunks) {
    chunks.push(sorted.slice(offset, offset + info.lines));
    offset += info.lines;
  }

  it('finds the first, a middle and the last reseller of every chunk, with two reads each', () => {
    expect(chunks.length).toBeGreaterThan(10);
    for (const [n, members] of chunks.entries()) {
      for (const wanted of [
        members[0],
        members[Math.floor(members.length / 2)],
        members.at(-1),
      ] as Reseller[]) {
        store.resetCalls();
        expect([n, findInDirectory(store, wanted.id)]).toEqual([n, { ok: true, reseller: wanted }]);
        expect(store.calls).toEqual({ get: 2, getAll: 0, setAll: 0, delete: 0 });
      }
    }
  });

  it('finds resellers of every status: the caller decides what may be chosen', () => {
    for (const status of RESELLER_STATUSES) {
      const wanted = resellers.find((r) => r.status === status) as Reseller;
      expect(findInDirectory(store, wanted.id)).toEqual({ ok: true, reseller: wanted });
    }
  });

  it.each(['R-00000', 'R-99999', 'R-0000', 'R-012345', 'A', 'r-00001'])('finds no reseller %j', (id) => {
    expect(findInDirectory(store, id)).toEqual({ ok: true, reseller: undefined });
  });

  it('reads nothing for an id that cannot be one', () => {
    store.resetCalls();
    for (const id of ['', 'R 1', 'R-1\t', 'x'.repeat(65)]) {
      expect(findInDirectory(store, id)).toEqual({ ok: true, reseller: undefined });
    }
    expect(store.totalCalls()).toBe(0);
  });

  it('finds nothing, without a problem, when there is no directory', () => {
    expect(findInDirectory(new MemoryStore(), 'R-00001')).toEqual({ ok: true, reseller: undefined });
  });

  it('reports a damaged chunk, and still finds resellers of the other chunks', () => {
    const damaged = new MemoryStore();
    for (const [key, value] of store.data) damaged.data.set(key, value);
    const key = KEYS.directoryChunk(3);
    damaged.data.set(key, (damaged.data.get(key) ?? '').replace('\tA', '\tx'));
    expect(findInDirectory(damaged, (chunks[3]?.[1] as Reseller).id)).toEqual({
      ok: false,
      problem: expect.stringMatching(/chunk 3/),
    });
    damaged.data.delete(KEYS.directoryChunk(4));
    expect(findInDirectory(damaged, (chunks[4]?.[0] as Reseller).id)).toEqual({
      ok: false,
      problem: expect.stringMatching(/chunk 4 is missing/),
    });
    expect(findInDirectory(damaged, (chunks[2]?.[0] as Reseller).id)).toMatchObject({ ok: true });
  });

  it('reports an unreadable meta entry', () => {
    const damaged = new MemoryStore();
    damaged.data.set(KEYS.directoryMeta, 'v1\t3\t100');
    expect(findInDirectory(damaged, 'R-00001')).toEqual({
      ok: false,
      problem: expect.stringMatching(/meta/),
    });
  });
});

describe('duplicate reseller ids', () => {
  const approved: Reseller = {
    id: 'R-00007',
    name: 'Twin GmbH',
    domain: 'twin.de',
    country: 'DE',
    status: 'approved',
  };
  const suspended: Reseller = { ...approved, status: 'suspended' };
  // Conflicts may also be logged; the returned report is what callers act on.
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it.each([
    ['before', [approved, suspended]],
    ['after', [suspended, approved]],
  ])(
    'never lets an approved copy shadow a suspended one (approved %s), and reports the conflict',
    (_, copies) => {
      const store = new MemoryStore();
      const result = writeDirectory(store, new FakeLock(), [...DEMO_RESELLERS.slice(0, 5), ...copies], 'v1');
      const dropped = copies.filter((r) => r !== suspended);
      expect(result.conflicts).toEqual([{ id: 'R-00007', kept: suspended, dropped }]);
      expect(result.resellers.filter((r) => r.id === 'R-00007')).toEqual([suspended]);
      expect(read(store).filter((r) => r.id === 'R-00007')).toEqual([suspended]);
      expect(findInDirectory(store, 'R-00007')).toEqual({ ok: true, reseller: suspended });
    },
  );

  it('resolves copies stored by hand in one chunk the same way, and reports them when read', () => {
    const line = (r: Reseller): string =>
      [r.id, r.name, r.domain, r.country, r.status === 'approved' ? 'A' : 'x'].join('\t');
    for (const copies of [
      [approved, suspended],
      [suspended, approved],
    ]) {
      const all = rawDirectory([['R-00001\tA\ta.de\tDE\tA', ...copies.map(line), 'R-00009\tB\tb.de\tDE\tA']]);
      const result = readDirectory(all);
      expect(result).toMatchObject({ ok: true, conflicts: [{ id: 'R-00007', kept: suspended }] });
      expect(result.ok && result.resellers.map((r) => [r.id, r.status])).toEqual([
        ['R-00001', 'approved'],
        ['R-00007', 'suspended'],
        ['R-00009', 'approved'],
      ]);
      const store = new MemoryStore();
      for (const [key, value] of Object.entries(all)) store.data.set(key, value);
      expect(findInDirectory(store, 'R-00007')).toEqual({ ok: true, reseller: suspended });
    }
  });
});

describe('aliases and contacts (RD3)', () => {
  const WITH_LISTS: Reseller[] = [
    {
      id: 'R-00001',
      name: 'Müller IT GmbH',
      domain: 'mueller-it.de',
      country: 'DE',
      status: 'approved',
      aliases: ['MIT', 'Müller\tIT-Systemhaus'],
      contacts: ['anna@mueller-it.de', 'ben@mueller-it.de'],
    },
    { id: 'R-00002', name: 'Plain AG', domain: 'plain.ch', country: 'CH', status: 'approved' },
    {
      id: 'R-00003',
      name: 'Only Contacts KG',
      domain: 'only-contacts.at',
      country: 'AT',
      status: 'suspended',
      contacts: ['office@only-contacts.at'],
    },
    {
      id: 'R-00004',
      name: 'Only Aliases SE',
      domain: 'oa.de',
      country: 'DE',
      status: 'applied',
      aliases: ['OA'],
    },
  ];

  it('round-trips aliases and contacts, leaves them out where there are none, flattens tabs', () => {
    const { store, meta } = written(WITH_LISTS);
    expect(store.data.get(KEYS.directoryMeta)?.startsWith('RD3\t')).toBe(true);
    expect(meta.format).toBe('RD3');
    const [first, plain, onlyContacts, onlyAliases] = read(store);
    expect(first).toEqual({ ...WITH_LISTS[0], aliases: ['MIT', 'Müller IT-Systemhaus'] });
    expect(plain).toEqual(WITH_LISTS[1]);
    expect(plain).not.toHaveProperty('aliases');
    expect(plain).not.toHaveProperty('contacts');
    expect(onlyContacts).toEqual(WITH_LISTS[2]);
    expect(onlyAliases).toEqual(WITH_LISTS[3]);
  });

  it('stores a reseller without aliases and contacts as an RD2 line was: five fields', () => {
    const { store } = written(WITH_LISTS);
    const lines = (store.data.get(KEYS.directoryChunk(0)) ?? '').split('\n');
    expect(lines.map((line) => line.split('\t').length)).toEqual([7, 5, 7, 7]);
  });

  it('finds a reseller with its aliases and contacts in two reads', () => {
    const { store } = written(WITH_LISTS);
    expect(findInDirectory(store, 'R-00003')).toEqual({ ok: true, reseller: WITH_LISTS[2] });
    expect(store.calls).toEqual({ delete: 0, get: 2, getAll: 0, setAll: 0 });
  });

  it('still reads a directory written as RD2, by itself and by findInDirectory', () => {
    const lines = ['R-00001\tMüller IT GmbH\tmueller-it.de\tDE\tA', 'R-00002\tPlain AG\tplain.ch\tCH\tx'];
    const all = rawDirectory([lines]);
    expect(all[KEYS.directoryMeta]?.startsWith('RD2\t')).toBe(true);
    const result = readDirectory(all);
    expect(result).toMatchObject({ ok: true, meta: { format: 'RD2', count: 2 } });
    expect(result.ok && result.resellers).toEqual([
      { id: 'R-00001', name: 'Müller IT GmbH', domain: 'mueller-it.de', country: 'DE', status: 'approved' },
      { id: 'R-00002', name: 'Plain AG', domain: 'plain.ch', country: 'CH', status: 'suspended' },
    ]);
    const store = new MemoryStore();
    store.setAll(all);
    expect(findInDirectory(store, 'R-00002')).toMatchObject({ ok: true, reseller: { name: 'Plain AG' } });
  });

  it('rewrites an RD2 directory as RD3 on the next write', () => {
    const store = new MemoryStore();
    store.setAll(rawDirectory([['R-00001\tPlain AG\tplain.ch\tCH\tA']]));
    writeDirectory(
      store,
      new FakeLock(),
      [...read(store), ...WITH_LISTS.slice(0, 1).map((r) => ({ ...r, id: 'R-00009' }))],
      'v2',
    );
    expect(store.data.get(KEYS.directoryMeta)?.startsWith('RD3\tv2\t')).toBe(true);
    expect(read(store).map((r) => r.aliases ?? [])).toEqual([[], ['MIT', 'Müller IT-Systemhaus']]);
  });

  const withMeta = (format: string, lines: string[]): Record<string, string> => {
    const all = rawDirectory([lines]);
    all[KEYS.directoryMeta] = (all[KEYS.directoryMeta] ?? '').replace(/^RD2/, format);
    return all;
  };

  it.each<[string, string, string]>([
    ['an RD2 line with the fields of RD3', 'RD2', 'R-00001\tA\ta.de\tDE\tA\tMIT\tanna@a.de'],
    ['six fields', 'RD3', 'R-00001\tA\ta.de\tDE\tA\tMIT'],
    ['both lists empty', 'RD3', 'R-00001\tA\ta.de\tDE\tA\t\t'],
    ['an empty alias between separators', 'RD3', 'R-00001\tA\ta.de\tDE\tA\tMIT\u001f\u001fX\t'],
    ['eight fields', 'RD3', 'R-00001\tA\ta.de\tDE\tA\tMIT\tanna@a.de\tmore'],
  ])('refuses %s as an unreadable record', (_, format, line) => {
    expectProblem(withMeta(format, [line]), /unreadable record/);
  });

  it('reports a damaged RD3 chunk: a changed letter in an alias or a contact', () => {
    const { store } = written(WITH_LISTS);
    const good = store.snapshot();
    const chunk = good[KEYS.directoryChunk(0)] ?? '';
    for (const [from, to] of [
      ['MIT', 'MIX'],
      ['ben@', 'bex@'],
    ] as const) {
      expect(chunk).toContain(from);
      expectProblem({ ...good, [KEYS.directoryChunk(0)]: chunk.replace(from, to) }, /checksum/);
    }
  });

  it.each<[string, Partial<Reseller>]>([
    ['eleven aliases', { aliases: Array.from({ length: 11 }, (_, i) => `A${i}`) }],
    ['an alias of 201 characters', { aliases: ['x'.repeat(201)] }],
    ['21 contacts', { contacts: Array.from({ length: 21 }, (_, i) => `s${i}@a.de`) }],
  ])('refuses to write a reseller with %s, and writes nothing', (_, lists) => {
    const store = new MemoryStore();
    const reseller: Reseller = {
      id: 'R-00001',
      name: 'A',
      domain: 'a.de',
      country: 'DE',
      status: 'approved',
      ...lists,
    };
    expect(() => writeDirectory(store, new FakeLock(), [reseller], 'v1')).toThrow(DirectoryWriteError);
    expect(store.data.size).toBe(0);
  });

  it('a copy of an id that differs only in its aliases is a reported conflict', () => {
    const copy = { ...(WITH_LISTS[0] as Reseller), aliases: ['Other'] };
    const { conflicts } = writeDirectory(
      new MemoryStore(),
      new FakeLock(),
      [WITH_LISTS[0] as Reseller, copy],
      'v1',
    );
    expect(conflicts.map((c) => c.id)).toEqual(['R-00001']);
  });
});
