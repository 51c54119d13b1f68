/**
 * Loads a reseller directory into the local runtime's Script Properties (.local/state.json), in the
 * format the add-on reads, until the owner's Sheet sync exists.
 *
 *   npm run load-directory -- --demo               the curated demo resellers
 *   npm run load-directory -- --generate 5000      generated resellers (deterministic)
 *   npm run load-directory -- --file resellers.tsv id, name, domain, country, status per line
 */
import fs from 'node:fs';
import { loadDirectory } from '../runtime/adapters';
import { RuntimeHost } from '../runtime/host';
import { DEFAULT_STATE_FILE, readState, writeState } from '../runtime/state-file';
import { DEMO_RESELLERS, generateResellers } from '../demo/resellers';
import { RESELLER_STATUSES, type Reseller, type ResellerStatus } from '../../src/domain/reseller';

const USAGE =
  'usage: npm run load-directory -- (--demo | --generate <count> | --file <path.tsv>) [--state <file>]';

export function parseTsv(text: string): Reseller[] {
  const resellers: Reseller[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [id, name, domain, country, status] = line.split('\t').map((f) => f.trim());
    if (!id || !name || !domain || !country || !RESELLER_STATUSES.includes(status as ResellerStatus)) {
      throw new Error(
        `line ${i + 1}: expected id, name, domain, country, status (${RESELLER_STATUSES.join('|')})`,
      );
    }
    resellers.push({
      id,
      name,
      domain: domain.toLowerCase(),
      country: country.toUpperCase(),
      status: status as ResellerStatus,
    });
  });
  return resellers;
}

function resellersFrom(args: string[]): Reseller[] {
  const [flag, value] = args;
  if (flag === '--demo') return DEMO_RESELLERS;
  if (flag === '--generate' && value && /^\d+$/.test(value)) return generateResellers(Number(value));
  if (flag === '--file' && value) return parseTsv(fs.readFileSync(value, 'utf8'));
  throw new Error(USAGE);
}

function main(argv: string[]): void {
  const stateIndex = argv.indexOf('--state');
  const stateFile = stateIndex >= 0 ? (argv[stateIndex + 1] ?? DEFAULT_STATE_FILE) : DEFAULT_STATE_FILE;
  const args = stateIndex >= 0 ? argv.filter((_, i) => i !== stateIndex && i !== stateIndex + 1) : argv;
  const resellers = resellersFrom(args);
  const host = new RuntimeHost();
  readState(host, stateFile);
  const meta = loadDirectory(host, resellers);
  writeState(host, stateFile);
  const approved = resellers.filter((r) => r.status === 'approved').length;
  for (const conflict of meta.conflicts) {
    const statuses = [conflict.kept, ...conflict.dropped].map((r) => r.status).join(', ');
    console.warn(
      `Reseller id ${conflict.id} appears more than once (${statuses}): kept the ${conflict.kept.status} copy.`,
    );
  }
  console.log(
    `Loaded ${meta.count} resellers (${approved} approved) in ${meta.chunks.length} chunks into ${stateFile}.`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
