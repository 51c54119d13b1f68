/**
 * The local runtime's stored state on disk (.local/state.json), so that what the add-on stored
 * (properties, the spreadsheets of the Sheets fake) and the owner's installed clock triggers with
 * their run logs survive a restart of the simulator or a dev tool. A file written before the Sheets
 * or the trigger fake existed has no `sheets` or `triggers` and loads with none. Writes go through a
 * temporary file and a rename: a crash mid-write never leaves a half-written state behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HostSnapshot, RuntimeHost } from './host';

export const DEFAULT_STATE_FILE = path.resolve(__dirname, '..', '..', '.local', 'state.json');

export function readState(host: RuntimeHost, file = DEFAULT_STATE_FILE): boolean {
  if (!fs.existsSync(file)) return false;
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as HostSnapshot;
  if (snapshot.version !== 1) throw new Error(`${file}: unknown state version ${String(snapshot.version)}`);
  host.restore(snapshot);
  return true;
}

export function writeState(host: RuntimeHost, file = DEFAULT_STATE_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(host.snapshot(), null, 1));
  fs.renameSync(temporary, file);
}
