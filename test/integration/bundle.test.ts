/**
 * The build output itself: build/Code.js must load as a classic script (no import, export, require
 * or module) in an empty context, and define a top-level function for every name Apps Script will
 * call: the manifest's triggers and every action a card can send.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ACTIONS } from '../../src/ui/actions';
import { approved, client, runtimeWith, user } from '../support/addon';

const BUILD = path.resolve(__dirname, '..', '..', 'build');
const code = fs.readFileSync(path.join(BUILD, 'Code.js'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(BUILD, 'appsscript.json'), 'utf8')) as Record<
  string,
  unknown
>;

function topLevelFunctions(): Set<string> {
  // No Apps Script services at all: loading must not touch them.
  const context = vm.createContext({});
  new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
  const names = vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[];
  return new Set(names.filter((name) => typeof (context as Record<string, unknown>)[name] === 'function'));
}

/** Every value of a key named like `runFunction`, found anywhere in a JSON tree. */
function valuesOf(tree: unknown, keys: ReadonlySet<string>): string[] {
  if (Array.isArray(tree)) return tree.flatMap((item) => valuesOf(item, keys));
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([key, value]) =>
    keys.has(key) && typeof value === 'string' ? [value] : valuesOf(value, keys),
  );
}

describe('build/Code.js', () => {
  it('is a classic script without module syntax or source maps', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/sourceMappingURL/);
    expect(code).not.toMatch(/__webpack_exports__\s*=\s*undefined|UNUSED EXPORTS/);
  });

  it('defines a top-level function for every trigger in the manifest', () => {
    const functions = topLevelFunctions();
    const triggers = valuesOf(manifest, new Set(['runFunction', 'onTriggerFunction']));
    expect(triggers).toContain('onHomepage');
    for (const name of triggers) expect(functions).toContain(name);
  });

  it('defines a top-level function for every action name the UI uses', () => {
    const functions = topLevelFunctions();
    for (const name of Object.values(ACTIONS)) expect(functions).toContain(name);
    // Declared functions, not only assignments: Apps Script lists and calls declarations.
    for (const name of Object.values(ACTIONS)) expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
  });

  it('defines every function that the cards of the whole flow refer to', () => {
    const runtime = runtimeWith();
    const anna = client(runtime, user('anna@bundle.example'));
    anna.click('I have a Google Workspace reseller');
    anna.suggest('resellerQuery', 'mül');
    anna.type('resellerQuery', 'cloud');
    anna.click('Search');
    anna.click('Choose');
    anna.click('Back');
    anna.type('resellerQuery', `${approved('Müller IT GmbH').name} — mueller-it.de (DE)`);
    anna.click('Search');
    anna.click('Share contacts now');
    anna.click('Request a change');
    const direct = client(runtime, user('ben@other.example'));
    direct.click('Ask me later');
    direct.click('Answer now');
    const referenced = new Set(
      [...anna.history, ...direct.history].flatMap((r) => valuesOf(r.value, new Set(['function']))),
    );
    expect(referenced.size).toBeGreaterThanOrEqual(8);
    const functions = topLevelFunctions();
    for (const name of referenced) expect(functions).toContain(name);
  });

  it('copies the manifest next to the code, as clasp expects', () => {
    const source = JSON.parse(
      fs.readFileSync(path.resolve(BUILD, '..', 'appsscript.json'), 'utf8'),
    ) as unknown;
    expect(manifest).toEqual(source);
    expect(fs.readdirSync(BUILD).sort()).toEqual(['Code.js', 'appsscript.json']);
  });
});
