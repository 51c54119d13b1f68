/**
 * The sidebar simulator's server: serves the page, runs the add-on's functions from build/Code.js
 * in the local runtime as the chosen identity, and keeps the stored state under .local/ so that it
 * survives a restart; the owner's installed time-driven triggers run as the simulated clock passes
 * their time (see owner.ts). Every failure (a malformed request, an unknown function, an action that
 * throws, a bundle that does not build) is answered with a clear message; the server keeps running
 * and the stored state is left as it was.
 */
import http from 'node:http';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { actionEvent, type AddonEventJson, gmailMessageEvent, homepageEvent } from '../runtime/events';
import type { ExecutionResult } from '../runtime/execution';
import { RuntimeHost } from '../runtime/host';
import { PROPERTY_STORE_MAX_BYTES, utf8Bytes } from '../runtime/limits';
import { LocalRuntime, type Manifest } from '../runtime/runtime';
import { readState, writeState } from '../runtime/state-file';
import { demoMail, seedDemo } from './demo';
import type { SimulatorFirestore } from './firestore';
import { findIdentity, IDENTITIES, type SimIdentity } from './identities';
import { InstallControls } from './install';
import {
  clockStepMinutes,
  OwnerControls,
  OwnerRequestError,
  triggersView,
  type OwnerAction,
  type OwnerRunResult,
} from './owner';
import {
  HttpError,
  parseCellEdit,
  parseExecuteBody,
  parseLocale,
  parseOpenMail,
  readJson,
  send,
  sendFile,
  sendJson,
  type CellEditBody,
  type ExecuteBody,
  type OpenMailBody,
} from './requests';
import { editSheetCell, sheetView, type SheetView } from './sheet-view';

const ROOT = path.resolve(__dirname, '..', '..');
const PUBLIC = path.join(__dirname, 'public');

export interface SimulatorOptions {
  /** Where the stored state lives (default .local/state.json). */
  stateFile?: string;
  /** Directory with Code.js and appsscript.json (default build/). */
  buildDir?: string;
  /**
   * Run on Cloud Firestore (`npm start -- --store firestore`, firestore.ts): the Firestore build in
   * buildDir, its requests routed to the emulator and the token endpoint, the demo data moved there
   * by the owner's migration. The caller starts and stops it.
   */
  firestore?: SimulatorFirestore;
  log?: (line: string) => void;
}

export interface BuildStatus {
  ok: boolean;
  message?: string;
  at: number;
}

/** A mail in the page's inbox: what Gmail's fake stores, with the demo's arrival time and text. */
export interface InboxMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  /** ISO time it arrived, and the same for people (in the identity's time zone), if known. */
  receivedAt: string;
  date: string;
  body: string;
}

export interface InboxView {
  email: string;
  mails: InboxMail[];
}

export class Simulator {
  readonly host = new RuntimeHost();
  private runtime: LocalRuntime | undefined;
  build: BuildStatus = { ok: false, message: 'The add-on has not been built yet.', at: Date.now() };
  private readonly stateFile: string | undefined;
  private readonly buildDir: string;
  private readonly log: (line: string) => void;
  private appScript: string | undefined;
  /** The Owner panel's functions, triggers and clock. */
  readonly owner: OwnerControls;
  /** The Install state panel's switch, the admin's Grant access and the user's consent. */
  readonly install: InstallControls;
  /** Where the server listens (for getAuthorizationUrl's /authorize), once it does. */
  private publicUrl: string | undefined;
  /** Where the add-on's data lives on the Firestore simulator; undefined on Script Properties. */
  readonly firestore: SimulatorFirestore | undefined;

  constructor(options: SimulatorOptions = {}) {
    this.stateFile = options.stateFile;
    this.firestore = options.firestore;
    this.firestore?.attach(this.host);
    this.buildDir = options.buildDir ?? path.join(ROOT, 'build');
    this.log = options.log ?? ((line) => console.log(line));
    this.install = new InstallControls({
      runtime: () => this.requireRuntime(),
      persist: () => this.persist(),
      log: (line) => this.log(line),
    });
    this.owner = new OwnerControls({
      runtime: () => this.runtime,
      persist: () => this.persist(),
      log: (line) => this.log(line),
    });
  }

  /** Loads build/Code.js (keeping the stored state) and the persisted state or the demo data. */
  /**
   * `loadBundle: false` when the caller has just built and loaded it (npm start's watcher): loading
   * again would replace a failed build's message with the stale build/Code.js.
   */
  start(options: { loadBundle?: boolean } = {}): void {
    this.appJs(); // bundle the page's script now, not on the first page load
    if (options.loadBundle !== false) this.reloadBundle();
    // Firestore keeps nothing across starts (the emulator's memory): the demo data each time.
    const restored =
      !this.firestore && (this.stateFile ? readState(this.host, this.stateFile) : readState(this.host));
    if (!restored && this.runtime) this.reset();
    this.owner.watchRealTime();
  }

  /** Stops what runs on its own (the triggers real time makes due): the server is closing. */
  stop(): void {
    this.owner.stop();
  }

  /** The server listens at `url` (http://127.0.0.1:8080): the consent links point there. */
  setPublicUrl(url: string): void {
    this.publicUrl = url.replace(/\/+$/, '');
    if (this.runtime) this.runtime.authorizationUrl = `${this.publicUrl}/authorize`;
  }

  reloadBundle(error?: string): void {
    if (error) {
      this.build = { ok: false, message: error, at: Date.now() };
      this.log(`The add-on bundle failed to build; the simulator keeps the last good one.\n${error}`);
      return;
    }
    try {
      this.runtime = new LocalRuntime({
        buildDir: this.buildDir,
        host: this.host,
        ...(this.firestore ? { urlFetchRoutes: this.firestore.urlFetchRoutes } : {}),
      });
      if (this.publicUrl) this.runtime.authorizationUrl = `${this.publicUrl}/authorize`;
      this.build = { ok: true, at: Date.now() };
    } catch (thrown) {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      this.build = { ok: false, message, at: Date.now() };
      this.log(`Cannot load the add-on bundle: ${message}`);
    }
  }

  /** Puts the demo data in place; if seeding fails, what was stored before stays, in memory and on disk. */
  reset(): void {
    const runtime = this.requireRuntime();
    const before = this.host.snapshot();
    try {
      seedDemo(runtime);
      // On Firestore, as an owner would: configureFirestore, then migrateToFirestore.
      this.firestore?.seeded(runtime);
    } catch (error) {
      this.host.restore(before);
      throw error;
    }
    this.persist();
    this.log(
      this.firestore
        ? 'Stored state reset to the demo data, moved to Firestore by the owner’s migration.'
        : 'Stored state reset to the demo data.',
    );
  }

  private requireRuntime(): LocalRuntime {
    if (!this.runtime)
      throw new HttpError(
        503,
        `The add-on bundle is not available: ${this.build.message ?? 'unknown reason'}`,
      );
    return this.runtime;
  }

  private persist(): void {
    if (this.stateFile) writeState(this.host, this.stateFile);
    else writeState(this.host);
  }

  get manifest(): Manifest & Record<string, unknown> {
    return this.requireRuntime().manifest as Manifest & Record<string, unknown>;
  }

  execute(body: ExecuteBody): ExecutionResult {
    const runtime = this.requireRuntime();
    const who = findIdentity(body.identityId);
    if (!who) throw new HttpError(400, `Unknown identity "${String(body.identityId)}".`);
    if (!/^[A-Za-z_$][\w$]{0,99}$/.test(body.functionName)) {
      throw new HttpError(400, `"${body.functionName.slice(0, 100)}" is not a function name.`);
    }
    const identity = { email: who.email, locale: body.locale ?? who.locale, timeZone: who.timeZone };
    const event =
      body.kind === 'homepage'
        ? homepageEvent(identity, this.host.now())
        : actionEvent(
            identity,
            { parameters: body.parameters, formInputs: body.formInputs },
            this.host.now(),
          );
    return this.runAs(runtime, who, identity, body.functionName, event);
  }

  private runAs(
    runtime: LocalRuntime,
    who: SimIdentity,
    identity: { email: string; locale: string; timeZone: string },
    functionName: string,
    event: AddonEventJson,
  ): ExecutionResult {
    const before = JSON.stringify(this.host.snapshot());
    const result = runtime.run({ functionName, identity, event });
    const google = result.authorizationPrompt ?? result.refused;
    if (google) {
      this.log(`${who.id}: ${functionName}: Gmail shows Google's ${describeGoogle(result)}`);
    } else if (!result.ok) {
      const notFound = result.error?.message.startsWith('Script function not found');
      this.log(`${who.id}: ${functionName} failed: ${result.error?.message}`);
      if (notFound) throw new HttpError(404, result.error?.message ?? 'Unknown function');
    }
    if (JSON.stringify(this.host.snapshot()) !== before) this.persist();
    return result;
  }

  /** The mails addressed to the identity, newest first; dates in `locale` and their time zone. */
  inbox(identityId: string, locale?: string): InboxView {
    const who = findIdentity(identityId);
    if (!who) throw new HttpError(400, `Unknown identity "${identityId.slice(0, 100)}".`);
    if (!who.email) return { email: '', mails: [] };
    const now = this.host.now();
    const format = new Intl.DateTimeFormat(locale ?? who.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: who.timeZone,
    });
    const mails = this.host.gmail
      .snapshot()
      .messages.filter((message) => sameAddress(message.to, who.email))
      .map((message) => {
        const demo = demoMail(message.messageId);
        const at = demo ? new Date(now - demo.minutesAgo * 60_000) : undefined;
        return {
          messageId: message.messageId,
          from: message.from,
          to: message.to,
          subject: message.subject,
          receivedAt: at?.toISOString() ?? '',
          date: at ? format.format(at) : '',
          body: demo?.body ?? '',
        };
      })
      .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
    return { email: who.email, mails };
  }

  /**
   * The identity opened a mail of their inbox: Gmail runs the manifest's contextual trigger with the
   * message's id and its access token, and shows the cards it returns.
   */
  openMail(body: OpenMailBody): ExecutionResult {
    const runtime = this.requireRuntime();
    const who = findIdentity(body.identityId);
    if (!who) throw new HttpError(400, `Unknown identity "${body.identityId.slice(0, 100)}".`);
    const message = this.host.gmail.snapshot().messages.find((m) => m.messageId === body.messageId);
    if (!message || !who.email || !sameAddress(message.to, who.email))
      throw new HttpError(404, `The inbox of ${who.label} has no mail ${body.messageId}.`);
    const gmail = (runtime.manifest as { addOns?: { gmail?: Record<string, unknown> } }).addOns?.gmail;
    const triggers = gmail?.contextualTriggers as { onTriggerFunction?: string }[] | undefined;
    const functionName = triggers?.[0]?.onTriggerFunction;
    if (!functionName)
      throw new HttpError(
        404,
        'The manifest declares no contextual trigger (addOns.gmail.contextualTriggers).',
      );
    const identity = { email: who.email, locale: body.locale ?? who.locale, timeZone: who.timeZone };
    const event = gmailMessageEvent(
      identity,
      message.messageId,
      this.host.gmail.accessToken(message.messageId),
      this.host.now(),
    );
    return this.runAs(runtime, who, identity, functionName, event);
  }

  /** Runs `setup`, `syncNow` or the trigger's function `runSync` as the owner (see OwnerControls.run). */
  runOwner(action: OwnerAction, advanceMinutes = 0): OwnerRunResult {
    return this.owner.run(this.requireRuntime(), action, advanceMinutes);
  }

  sheet(tab?: string): SheetView {
    return sheetView(this.host, tab);
  }

  /** Support typing into the backing Sheet; a value Sheets refuses (off a drop-down's list) is a 422. */
  editCell(body: CellEditBody): SheetView {
    try {
      editSheetCell(this.host, body.tab, body.a1, body.text);
    } catch (error) {
      throw new HttpError(422, error instanceof Error ? error.message : String(error));
    }
    this.persist();
    return sheetView(this.host, body.tab);
  }

  stateFor(identityId: string): unknown {
    const who = findIdentity(identityId);
    const describe = (values: Record<string, string>) =>
      Object.entries(values)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) => ({ key, value, bytes: utf8Bytes(key) + utf8Bytes(value) }));
    const script = describe(this.host.scriptProperties.getAll());
    const userStore = who ? this.host.userStore({ email: who.email }) : undefined;
    const user = describe(userStore?.getAll() ?? {});
    return {
      build: this.build,
      limitBytes: PROPERTY_STORE_MAX_BYTES,
      script: { entries: script, bytes: this.host.scriptProperties.usedBytes() },
      user: { email: who?.email ?? '', entries: user, bytes: userStore?.usedBytes() ?? 0 },
      ...(this.firestore ? { firestore: this.firestoreView(describe) } : {}),
    };
  }

  private firestoreView(
    describe: (values: Record<string, string>) => { key: string; value: string; bytes: number }[],
  ): { entries: { key: string; value: string; bytes: number }[]; bytes: number } {
    const entries = describe(this.firestore?.entries() ?? {});
    return { entries, bytes: entries.reduce((sum, entry) => sum + entry.bytes, 0) };
  }

  /** The page's script, bundled from TypeScript once per server start. */
  appJs(): string {
    if (!this.appScript) {
      const out = buildSync({
        entryPoints: [path.join(__dirname, 'client', 'app.ts')],
        bundle: true,
        format: 'iife',
        target: 'es2020',
        write: false,
        logLevel: 'silent',
      });
      this.appScript = out.outputFiles[0]?.text ?? '';
    }
    return this.appScript;
  }

  handler(): http.RequestListener {
    return (request, response) => {
      this.route(request, response).catch((error: unknown) => {
        const status = error instanceof HttpError || error instanceof OwnerRequestError ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        if (status >= 500) this.log(`${request.method} ${request.url}: ${message}`);
        sendJson(response, status, { error: message });
      });
    };
  }

  private async route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'The request address is not valid.');
    }
    const route = `${request.method} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        return sendFile(response, path.join(PUBLIC, 'index.html'), 'text/html; charset=utf-8');
      case 'GET /sidebar.css':
      case 'GET /page.css':
        return sendFile(response, path.join(PUBLIC, url.pathname.slice(1)), 'text/css; charset=utf-8');
      case 'GET /app.js':
        return send(response, 200, 'text/javascript; charset=utf-8', this.appJs());
      case 'GET /favicon.ico':
        response.writeHead(204).end();
        return;
      case 'GET /api/bootstrap':
        return sendJson(response, 200, this.bootstrap());
      case 'POST /api/execute': {
        const body = parseExecuteBody(await readJson(request));
        return sendJson(response, 200, this.execute(body));
      }
      case 'GET /api/inbox':
        return sendJson(
          response,
          200,
          this.inbox(url.searchParams.get('identity') ?? '', parseLocale(url.searchParams.get('lang'))),
        );
      case 'POST /api/open-mail':
        return sendJson(response, 200, this.openMail(parseOpenMail(await readJson(request))));
      case 'GET /api/state':
        return sendJson(response, 200, this.stateFor(url.searchParams.get('identity') ?? ''));
      case 'POST /api/owner/setup':
        await readJson(request);
        return sendJson(response, 200, this.runOwner('setup'));
      case 'POST /api/owner/sync':
        await readJson(request);
        return sendJson(response, 200, this.runOwner('sync'));
      case 'POST /api/owner/configure-firestore':
        await readJson(request);
        return sendJson(response, 200, this.runOwner('configureFirestore'));
      case 'POST /api/owner/migrate-to-firestore':
        await readJson(request);
        return sendJson(response, 200, this.runOwner('migrateToFirestore'));
      case 'POST /api/owner/migrate-back-to-properties':
        await readJson(request);
        return sendJson(response, 200, this.runOwner('migrateBackToProperties'));
      case 'POST /api/owner/trigger': {
        const advanceMinutes = clockStepMinutes(await readJson(request), 'advanceMinutes');
        return sendJson(response, 200, this.runOwner('trigger', advanceMinutes));
      }
      case 'GET /api/clock':
        return sendJson(response, 200, { clock: this.host.now() });
      case 'POST /api/clock/advance': {
        const minutes = clockStepMinutes(await readJson(request), 'minutes');
        return sendJson(response, 200, this.owner.advanceClock(this.requireRuntime(), minutes));
      }
      case 'GET /api/owner/triggers':
        return sendJson(response, 200, triggersView(this.host));
      case 'POST /api/owner/triggers':
        return sendJson(response, 200, this.owner.install(this.host, await readJson(request)));
      case 'POST /api/owner/triggers/remove':
        return sendJson(response, 200, this.owner.remove(this.host, await readJson(request)));
      case 'GET /api/sheet':
        return sendJson(response, 200, this.sheet(url.searchParams.get('tab') ?? undefined));
      case 'POST /api/sheet/cell':
        return sendJson(response, 200, this.editCell(parseCellEdit(await readJson(request))));
      case 'GET /api/install':
        return sendJson(response, 200, this.install.view(url.searchParams.get('identity') ?? ''));
      case 'POST /api/install':
        return sendJson(response, 200, this.install.set(await readJson(request)));
      case 'POST /api/install/grant-access':
        return sendJson(response, 200, this.install.grantAccess(await readJson(request)));
      case 'POST /api/consent':
        return sendJson(response, 200, this.install.consent(await readJson(request)));
      case 'GET /authorize':
        response.writeHead(302, { Location: this.install.consentPage(url), 'Cache-Control': 'no-store' });
        response.end();
        return;
      case 'POST /api/reset':
        await readJson(request);
        this.reset();
        return sendJson(response, 200, { ok: true });
      default:
        throw new HttpError(404, `No such page or endpoint: ${request.method} ${url.pathname}`);
    }
  }

  private bootstrap(): unknown {
    let addOn: unknown = null;
    if (this.runtime) {
      const manifest = this.runtime.manifest as { addOns?: Record<string, unknown> };
      addOn = manifest.addOns ?? null;
    }
    return {
      build: this.build,
      store: this.firestore ? 'firestore' : 'properties',
      addOns: addOn,
      identities: IDENTITIES.map(({ id, email, label, locale }) => ({ id, email, label, locale })),
    };
  }
}

/** Whether a header's address ("Name <a@b>" or "a@b") is `email`, case aside. */
function sameAddress(header: string, email: string): boolean {
  const address = /<([^>]*)>/.exec(header)?.[1] ?? header;
  return address.trim().toLowerCase() === email.toLowerCase();
}

/** Starts a simulator on 127.0.0.1 (port 0 picks a free one), for tests and tools. */
export async function startSimulator(
  options: SimulatorOptions & { port?: number } = {},
): Promise<{ simulator: Simulator; url: string; close: () => Promise<void> }> {
  const simulator = new Simulator(options);
  simulator.start();
  const server = http.createServer(simulator.handler());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  simulator.setPublicUrl(`http://127.0.0.1:${port}`);
  return {
    simulator,
    url: `http://127.0.0.1:${port}`,
    close: () => {
      simulator.stop();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What Gmail showed instead of the add-on's answer, for the log. */
function describeGoogle(result: ExecutionResult): string {
  if (result.authorizationPrompt) return `consent prompt for ${result.authorizationPrompt.scopes.join(', ')}`;
  return result.refused?.reason === 'notTurnedOn'
    ? 'nothing (the add-on is not turned on for the user)'
    : `authorization card for ${result.refused?.scopes.join(', ') ?? ''}`;
}
