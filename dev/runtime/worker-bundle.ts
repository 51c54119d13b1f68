/**
 * Worker threads cannot load TypeScript, so a worker's entry module is bundled once per process
 * with esbuild into node_modules/.cache and the file is reused until it disappears.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
const bundled = new Map<string, string>();

/** The bundled file of `entry` (a path relative to dev/runtime/), built on first use. */
export function bundledWorker(entry: string, name: string): string {
  const cached = bundled.get(entry);
  if (cached && fs.existsSync(cached)) return cached;
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'reseller-connect', `${name}-${process.pid}.cjs`);
  buildSync({
    entryPoints: [path.join(__dirname, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  bundled.set(entry, outfile);
  return outfile;
}
