/**
 * Finds a Chromium for the browser tests (no browser download is possible here): the
 * CHROMIUM_PATH environment variable, else the usual install paths; on Debian as root with none
 * present, installs Debian's `chromium` package with apt-get; else fails saying how to get one.
 * Run directly (`npx tsx test/e2e/chromium.ts`) it prints the path, installing if needed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags that keep Chromium quiet on a machine without network, as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function findInstalled(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH ?? process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points at ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

export function ensureChromium(log: (line: string) => void = (line) => console.log(line)): string {
  const found = findInstalled();
  if (found) return found;
  const debian = fs.existsSync('/etc/debian_version');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (debian && root) {
    log('No Chromium found: installing Debian\'s "chromium" package with apt-get (about a minute)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    const installed = findInstalled();
    if (installed) return installed;
  }
  throw new Error(
    'The browser tests need Chromium and none was found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
      'macOS: install Google Chrome) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

if (require.main === module) console.log(ensureChromium());
