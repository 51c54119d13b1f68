/**
 * Typeahead budget check: index load (parse) + ranking for 5,000 generated resellers.
 * Run: npx tsx bench/search-bench.ts [count] [seed]
 *
 * Each Apps Script keystroke gets a fresh string from CacheService, so every measured iteration
 * parses a freshly joined copy of the text (joined outside the timed region, like the store does).
 */
import { generateResellers, mulberry32, transliterate } from '../dev/demo/resellers';
import { buildSearchIndex, parseSearchIndex, searchResellers } from '../src/domain/search';

const CHUNK_CHARS = 90_000;
const QUERY_COUNT = 200;
const ROUNDS = 5;

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
}

function chunk(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK_CHARS) chunks.push(text.slice(i, i + CHUNK_CHARS));
  return chunks;
}

/** One typo in the middle of a word: substitution, transposition or deletion. */
function withTypo(text: string, random: () => number): string {
  const i = 1 + Math.floor(random() * Math.max(1, text.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return `${text.slice(0, i)}x${text.slice(i + 1)}`;
  if (kind === 1) return `${text.slice(0, i)}${text.charAt(i + 1)}${text.charAt(i)}${text.slice(i + 2)}`;
  return `${text.slice(0, i)}${text.slice(i + 1)}`;
}

/** What users type: name prefixes of 2..10 characters, sometimes transliterated or with a typo. */
function typedQueries(names: readonly string[], seed: number): string[] {
  const random = mulberry32(seed);
  const queries: string[] = [];
  while (queries.length < QUERY_COUNT) {
    const name = names[Math.floor(random() * names.length)] ?? '';
    const typed = random() < 0.2 ? transliterate(name) : name;
    const prefix = typed.slice(0, 2 + Math.floor(random() * 9));
    queries.push(random() < 0.2 && prefix.length >= 4 ? withTypo(prefix, random) : prefix);
  }
  return queries;
}

function measure(chunks: readonly string[], queries: readonly string[]) {
  const parse: number[] = [];
  const search: number[] = [];
  const total: number[] = [];
  let results = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of queries) {
      const text = chunks.join('');
      const t0 = nowMs();
      const index = parseSearchIndex(text);
      const t1 = nowMs();
      results += searchResellers(index, query).length;
      const t2 = nowMs();
      parse.push(t1 - t0);
      search.push(t2 - t1);
      total.push(t2 - t0);
    }
  }
  return { parse, search, total, results };
}

function fmt(ms: number): string {
  return `${ms.toFixed(3)} ms`;
}

function main(): void {
  const count = Number(process.argv[2] ?? 5000);
  const seed = Number(process.argv[3] ?? 1);
  const resellers = generateResellers(count, seed);
  const tBuild = nowMs();
  const text = buildSearchIndex(resellers);
  const buildMs = nowMs() - tBuild;
  const chunks = chunk(text);
  const queries = typedQueries(
    resellers.filter((r) => r.status === 'approved').map((r) => r.name),
    seed + 1,
  );

  const coldText = chunks.join('');
  const tCold = nowMs();
  searchResellers(parseSearchIndex(coldText), queries[0] ?? 'mu');
  const coldMs = nowMs() - tCold;

  const { parse, search, total, results } = measure(chunks, queries);
  const approved = parseSearchIndex(text).count;
  console.log(`resellers: ${count} generated, ${approved} approved in the index (seed ${seed})`);
  console.log(
    `index size: ${Buffer.byteLength(text, 'utf8')} bytes UTF-8, ${text.length} chars, ${chunks.length} chunks`,
  );
  console.log(`build: ${fmt(buildMs)} (once per directory change)`);
  console.log(`first parse+search in this process (cold JIT): ${fmt(coldMs)}`);
  console.log(
    `queries: ${queries.length} × ${ROUNDS} rounds, avg ${(results / total.length).toFixed(1)} results`,
  );
  console.log(
    `sample queries: ${queries
      .slice(0, 12)
      .map((q) => JSON.stringify(q))
      .join(' ')}`,
  );
  console.log(`parse         median ${fmt(percentile(parse, 0.5))}  p95 ${fmt(percentile(parse, 0.95))}`);
  console.log(`search        median ${fmt(percentile(search, 0.5))}  p95 ${fmt(percentile(search, 0.95))}`);
  console.log(`parse+search  median ${fmt(percentile(total, 0.5))}  p95 ${fmt(percentile(total, 0.95))}`);
  console.log(`parse+search  max    ${fmt(percentile(total, 1))}`);
}

main();
