/**
 * The reseller programme in the owner's sync, through build/Code.js: an application (committed by
 * the store module the bundle uses) becomes a Resellers row with the next id and an Audit row; the
 * sidebar's status steps reach the row; the approved reseller enters the customers' typeahead; the
 * roles of every domain follow the directory (the applicant's id, a contact's address); a re-run
 * after a crash adds no second row; a step the tab no longer allows is refused and logged.
 */
import type { LocalRuntime } from '../../dev/runtime/runtime';
import { decodeDomainText } from '../../src/domain/organisation';
import { readApplication, type Application } from '../../src/domain/programme';
import type { ResellerStatus } from '../../src/domain/reseller';
import { claimResellerRole, commitApplication, commitTransition } from '../../src/store/programme';
import { client, lockOf, runAsOwner, runtimeWith, sheetIdOf, storeOf, user } from '../support/addon';

const SAM = 'sam@resellerconnect.example';

const run = runAsOwner;
const tab = (runtime: LocalRuntime, name: string): unknown[][] =>
  runtime.host.sheets.readTab(sheetIdOf(runtime), name);

function application(overrides: Partial<Application> = {}): Application {
  const read = readApplication({
    company: 'Nordlicht Systemhaus GmbH',
    domain: 'nordlicht-it.de',
    contactName: 'Nina Nord',
    contactEmail: 'nina@nordlicht-it.de',
    country: 'DE',
    website: 'https://nordlicht-it.de',
    message: 'Wir betreuen 40 Kunden in Hamburg.',
    ...overrides,
  });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.application;
}

function setUp(): LocalRuntime {
  const runtime = runtimeWith();
  run(runtime, 'setup');
  run(runtime, 'syncNow');
  return runtime;
}

const store = storeOf;

function apply(runtime: LocalRuntime, a = application()): void {
  const result = commitApplication(store(runtime), lockOf(runtime), {
    application: a,
    actorEmail: a.contactEmail,
    clock: () => runtime.host.now(),
  });
  expect(result.outcome).toBe('applied');
}

function step(runtime: LocalRuntime, to: ResellerStatus, domain = 'nordlicht-it.de'): string {
  return commitTransition(store(runtime), lockOf(runtime), {
    domain,
    to,
    reason: to === 'rejected' ? 'No Workspace practice yet' : '',
    actorEmail: SAM,
    clock: () => runtime.host.now(),
  }).outcome;
}

function roles(runtime: LocalRuntime, domain: string) {
  const text = store(runtime).get(`d:${domain}`);
  return text === null ? [] : (decodeDomainText(domain, text)?.roles ?? null);
}

describe('the programme in the sync', () => {
  it('adds an application as a Resellers row with the next id, and its Audit row', () => {
    const runtime = setUp();
    apply(runtime);
    expect(roles(runtime, 'nordlicht-it.de')).toEqual([
      { resellerId: '', status: 'applied', member: 'nordlicht-it.de' },
    ]);
    run(runtime, 'syncNow');
    const row = tab(runtime, 'Resellers').find((r) => r[3] === 'nordlicht-it.de');
    expect(row?.slice(0, 7)).toEqual([
      expect.stringMatching(/^R-\d{5}$/),
      'Nordlicht Systemhaus GmbH',
      '',
      'nordlicht-it.de',
      'DE',
      'nina@nordlicht-it.de',
      'applied',
    ]);
    expect(row?.[7]).toContain('Nina Nord');
    expect(row?.[8]).toBe('OK');
    // The role now carries the id the sync gave out.
    expect(roles(runtime, 'nordlicht-it.de')).toEqual([
      { resellerId: row?.[0], status: 'applied', member: 'nordlicht-it.de' },
    ]);
    expect(tab(runtime, 'Audit').at(-1)?.slice(3, 6)).toEqual([
      'applied',
      '',
      'applied: Nordlicht Systemhaus GmbH',
    ]);
  });

  it('carries the sidebar’s steps into the row, and the approved reseller into the typeahead', () => {
    const runtime = setUp();
    apply(runtime);
    run(runtime, 'syncNow');
    expect(step(runtime, 'approved')).toBe('illegal');
    expect(step(runtime, 'agreement_sent')).toBe('saved');
    expect(step(runtime, 'agreement_signed')).toBe('saved');
    expect(step(runtime, 'approved')).toBe('saved');
    const customer = client(runtime, user('olga@kunde.example'));
    customer.click('I have a Google Workspace reseller');
    // Not before the sync: the directory follows the Resellers tab.
    expect(customer.suggest('resellerQuery', 'Nordlicht')).toEqual([]);
    run(runtime, 'syncNow');
    expect(tab(runtime, 'Resellers').find((r) => r[3] === 'nordlicht-it.de')?.[6]).toBe('approved');
    expect(customer.suggest('resellerQuery', 'Nordlicht')[0]).toMatch(/^Nordlicht Systemhaus GmbH/);
    const audit = tab(runtime, 'Audit')
      .filter((r) => r[3] === 'resellerStatus')
      .map((r) => r[5]);
    expect(audit).toEqual(['agreement sent', 'agreement signed', 'approved']);
  });

  it('adds no second row when run again after a stop before its drain', () => {
    const runtime = setUp();
    apply(runtime);
    const before = store(runtime).getAll();
    run(runtime, 'syncNow');
    const sheetAfterFirst = tab(runtime, 'Resellers');
    // Back to the store before the run, the Sheet as written: the outbox still holds the application.
    store(runtime).replaceAll(before);
    run(runtime, 'syncNow');
    expect(tab(runtime, 'Resellers')).toEqual(sheetAfterFirst);
    expect(tab(runtime, 'Resellers').filter((r) => r[3] === 'nordlicht-it.de')).toHaveLength(1);
  });

  it('lets a rejected applicant apply again on the same row', () => {
    const runtime = setUp();
    apply(runtime);
    run(runtime, 'syncNow');
    expect(step(runtime, 'rejected')).toBe('saved');
    run(runtime, 'syncNow');
    apply(runtime);
    run(runtime, 'syncNow');
    const rows = tab(runtime, 'Resellers').filter((r) => r[3] === 'nordlicht-it.de');
    expect(rows.map((r) => r[6])).toEqual(['applied']);
  });

  it('refuses a step the tab no longer allows, and says so in the log', () => {
    const runtime = setUp();
    apply(runtime);
    run(runtime, 'syncNow');
    expect(step(runtime, 'agreement_sent')).toBe('saved');
    // Meanwhile support rejects the row in the Sheet.
    const index = tab(runtime, 'Resellers').findIndex((r) => r[3] === 'nordlicht-it.de') + 1;
    runtime.host.sheets.editCell(sheetIdOf(runtime), 'Resellers', `G${index}`, 'rejected');
    expect(run(runtime, 'syncNow')).toContain('no longer allows that');
    expect(tab(runtime, 'Resellers')[index - 1]?.[6]).toBe('rejected');
    expect(roles(runtime, 'nordlicht-it.de')?.[0]?.status).toBe('rejected');
  });

  it('keeps a contact’s claimed role current, and takes it away with the contact', () => {
    const runtime = setUp();
    const id = sheetIdOf(runtime);
    const index = tab(runtime, 'Resellers').findIndex((r) => r[0] === 'R-00001') + 1;
    runtime.host.sheets.editCell(id, 'Resellers', `F${index}`, 'partner@freelance.example');
    run(runtime, 'syncNow');
    // Roles are claimed, not handed to every reseller's domain.
    expect(store(runtime).get('d:freelance.example')).toBeNull();
    expect(claimResellerRole(store(runtime), lockOf(runtime), 'someone@freelance.example').outcome).toBe(
      'none',
    );
    expect(claimResellerRole(store(runtime), lockOf(runtime), 'Partner@freelance.example')).toEqual({
      outcome: 'claimed',
      role: { resellerId: 'R-00001', status: 'approved', member: 'partner@freelance.example' },
    });
    runtime.host.sheets.editCell(id, 'Resellers', `G${index}`, 'suspended');
    run(runtime, 'syncNow');
    expect(roles(runtime, 'freelance.example')).toEqual([
      { resellerId: 'R-00001', status: 'suspended', member: 'partner@freelance.example' },
    ]);
    runtime.host.sheets.editCell(id, 'Resellers', `F${index}`, '');
    run(runtime, 'syncNow');
    expect(store(runtime).get('d:freelance.example')).toBeNull();
  });

  it('hands out no roles to resellers whose staff never claimed one', () => {
    const runtime = setUp();
    const withRoles = Object.entries(store(runtime).getAll()).filter(
      ([k, v]) => k.startsWith('d:') && v.startsWith('P'),
    );
    expect(withRoles).toEqual([]);
  });
});
