/**
 * `npm start`: builds the add-on (and rebuilds it when src/ changes), then serves the simulator on
 * localhost. Port: --port <n>, else the PORT environment variable, else 8080.
 *
 * `npm start -- --store firestore`: the same on Cloud Firestore (firestore.ts): the Firestore build,
 * written to a temporary directory so that build/ stays the default build clasp pushes, against
 * Google's Firestore emulator (gcloud) and the token endpoint stand-in, both stopped on exit.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import webpack from 'webpack';
import { startSimulatorFirestore, type SimulatorFirestore } from './firestore';
import { Simulator } from './server';

export type SimulatorStore = 'properties' | 'firestore';

/** --store properties|firestore (default properties). */
export function storeFrom(argv: readonly string[]): SimulatorStore {
  const flag = argv.indexOf('--store');
  if (flag < 0) return 'properties';
  const value = argv[flag + 1];
  if (value === 'properties' || value === 'firestore') return value;
  throw new Error(`--store ${value ?? ''}: expected properties or firestore.`);
}

const DEFAULT_PORT = 8080;

export function portFrom(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const flag = argv.indexOf('--port');
  const raw = flag >= 0 ? argv[flag + 1] : env.PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`"${raw}" is not a port number (0-65535).`);
  }
  return port;
}

function watchBuild(simulator: Simulator, outputDir: string | undefined, onFirstBuild: () => void): void {
  // webpack.config.cjs reads STORE when it is loaded (set by main for the Firestore build).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.resolve(__dirname, '..', '..', 'webpack.config.cjs')) as webpack.Configuration;
  const config = outputDir ? { ...loaded, output: { ...loaded.output, path: outputDir } } : loaded;
  const built = outputDir ? path.join(outputDir, 'Code.js') : 'build/Code.js';
  let first = true;
  webpack(config).watch(
    { aggregateTimeout: 200, ignored: ['**/node_modules/**', '**/build/**', '**/.local/**'] },
    (error, stats) => {
      if (error || stats?.hasErrors()) {
        simulator.reloadBundle(
          error ? error.message : (stats?.toString('errors-only') ?? 'unknown build error'),
        );
      } else {
        simulator.reloadBundle();
        console.log(`Built ${built}${first ? '' : ' again (src/ changed)'}.`);
      }
      if (first) {
        first = false;
        onFirstBuild();
      }
    },
  );
}

async function main(): Promise<void> {
  let port: number;
  let store: SimulatorStore;
  try {
    port = portFrom(process.argv.slice(2), process.env);
    store = storeFrom(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  let firestore: SimulatorFirestore | undefined;
  let outputDir: string | undefined;
  let stateFile: string | undefined;
  if (store === 'firestore') {
    const started = await startSimulatorFirestore();
    if (!started.ok) {
      console.error(started.reason);
      process.exit(1);
    }
    firestore = started.firestore;
    process.env.STORE = 'firestore';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reseller-connect-simulator-firestore-'));
    outputDir = path.join(dir, 'build');
    stateFile = path.join(dir, 'state.json');
    // The emulator (java, started by gcloud) would outlive the simulator otherwise.
    const stop = (): void => {
      void firestore
        ?.stop()
        .catch(() => undefined)
        .finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  const exit = (code: number): void => {
    void (firestore?.stop() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(code));
  };
  const simulator = new Simulator({
    ...(outputDir ? { buildDir: outputDir } : {}),
    ...(stateFile ? { stateFile } : {}),
    ...(firestore ? { firestore } : {}),
  });
  watchBuild(simulator, outputDir, () => {
    try {
      simulator.start({ loadBundle: false });
    } catch (error) {
      console.error(
        `The simulator could not load its demo data: ${error instanceof Error ? error.message : String(error)}`,
      );
      exit(1);
      return;
    }
    const server = http.createServer(simulator.handler());
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        console.error(
          `Port ${port} is already in use. Start on another one: npm start -- --port 8081 (or PORT=8081 npm start).`,
        );
      } else {
        console.error(`The simulator could not start: ${error.message}`);
      }
      exit(1);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      simulator.setPublicUrl(`http://localhost:${actual}`);
      console.log(
        firestore
          ? `Reseller Connect simulator ON CLOUD FIRESTORE: http://localhost:${actual}/  (${firestore.describe()}; Ctrl-C stops the emulator too)`
          : `Reseller Connect simulator: http://localhost:${actual}/  (state in .local/, reset with npm run reset)`,
      );
    });
  });
}

if (require.main === module) void main();
