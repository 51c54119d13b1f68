/**
 * Entry point of the owner's scripts: `tsx dev/tools/deploy/main.ts <command> [args]` (package.json
 * wires push, deploy, deployments, marketplace and deploy:check). What each does: commands.ts.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runCommand, type Deps } from './commands';
import { DataFileError } from './marketplace';
import { PreflightError } from './preflight';

const deps: Deps = {
  root: path.resolve(__dirname, '..', '..', '..'),
  env: process.env,
  home: os.homedir(),
  run: (command, args) => spawnSync(command, args, { stdio: 'inherit', cwd: deps.root }).status,
  capture: (command, args) => {
    const r = spawnSync(command, args, { cwd: deps.root, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  },
  log: (line) => console.log(line),
};

const [command = '', ...args] = process.argv.slice(2);
try {
  runCommand(command, args, deps);
} catch (e) {
  if (e instanceof PreflightError) {
    console.error(`\n✗ ${e.message}\n  → ${e.fix}`);
    process.exit(1);
  }
  if (e instanceof DataFileError) {
    console.error(`\n✗ ${e.message}`);
    process.exit(1);
  }
  throw e;
}
