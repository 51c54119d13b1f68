/**
 * `npm start`: builds the add-on (and rebuilds it when src/ changes), then serves the simulator on
 * localhost. Port: --port <n>, else the PORT environment variable, else 8080.
 */
import http from 'node:http';
import path from 'node:path';
import webpack from 'webpack';
import { Simulator } from './server';

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

function watchBuild(simulator: Simulator, onFirstBuild: () => void): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.resolve(__dirname, '..', '..', 'webpack.config.cjs')) as webpack.Configuration;
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
        console.log(`Built build/Code.js${first ? '' : ' again (src/ changed)'}.`);
      }
      if (first) {
        first = false;
        onFirstBuild();
      }
    },
  );
}

function main(): void {
  let port: number;
  try {
    port = portFrom(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const simulator = new Simulator();
  watchBuild(simulator, () => {
    simulator.start({ loadBundle: false });
    const server = http.createServer(simulator.handler());
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        console.error(
          `Port ${port} is already in use. Start on another one: npm start -- --port 8081 (or PORT=8081 npm start).`,
        );
      } else {
        console.error(`The simulator could not start: ${error.message}`);
      }
      process.exit(1);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      simulator.setPublicUrl(`http://localhost:${actual}`);
      console.log(
        `Reseller Connect simulator: http://localhost:${actual}/  (state in .local/, reset with npm run reset)`,
      );
    });
  });
}

if (require.main === module) main();
