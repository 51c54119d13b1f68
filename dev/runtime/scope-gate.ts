/**
 * Scope enforcement inside one execution: every fake service call that needs an OAuth scope asks
 * the gate first, and a scope the user has not granted fails as in Apps Script:
 * "You do not have permission to call Session.getActiveUser. Required permissions:
 * https://www.googleapis.com/auth/userinfo.email" (several acceptable scopes are listed as
 * "(a || b)"). The Sheets advanced service is an API call made with the user's token, so it fails as
 * the API does (403 "Request had insufficient authentication scopes.", see services.ts).
 *
 * `ScriptApp.requireScopes` ends the execution through the gate (`end`): from then on every service
 * call throws again, so code that catches the first throw cannot carry on, and whatever the function
 * returns is dropped; the result reports Google's consent prompt instead (execution.ts).
 */
import { AUTH, type ExecutionAuthorization } from './authorization';

const EMAIL = `${AUTH}userinfo.email`;
const LOCALE = `${AUTH}script.locale`;
/** The current-message scopes an add-on may use (any one of them), and full Gmail access. */
const CURRENT_MESSAGE = [
  `${AUTH}gmail.addons.current.message.metadata`,
  `${AUTH}gmail.addons.current.message.readonly`,
  `${AUTH}gmail.addons.current.message.action`,
  'https://mail.google.com/',
];
/**
 * A message's content (its attachments among it) needs more than its metadata: Gmail's
 * users.messages.attachments.get lists the current-message `.readonly` (and `.action`, which
 * holds only while the user interacts with the add-on, never in its contextual trigger) besides
 * full-mailbox scopes, but not `.metadata`
 * (developers.google.com/gmail/api/reference/rest/v1/users.messages.attachments/get).
 */
const CURRENT_MESSAGE_CONTENT = [
  `${AUTH}gmail.addons.current.message.readonly`,
  `${AUTH}gmail.readonly`,
  `${AUTH}gmail.modify`,
  'https://mail.google.com/',
];
/** UrlFetchApp, every method (developers.google.com/apps-script/reference/url-fetch). */
const EXTERNAL_REQUEST = [`${AUTH}script.external_request`];
/** The Sheets API accepts any of these (developers.google.com/workspace/sheets/api/scopes). */
const SHEETS = [`${AUTH}drive.file`, `${AUTH}spreadsheets`, `${AUTH}drive`];

/**
 * Which scope each guarded call needs (any one of a list). Properties, Cache, Lock, Utilities,
 * CardService, Session.getScriptTimeZone / getTemporaryActiveUserKey, GmailApp's token setter and
 * ScriptApp's authorization methods need none.
 */
export const REQUIRED_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'Session.getActiveUser': [EMAIL],
  'Session.getEffectiveUser': [EMAIL],
  'Session.getUser': [EMAIL],
  'Session.getActiveUserLocale': [LOCALE],
  'GmailApp.getMessageById': CURRENT_MESSAGE,
  'GmailMessage.getAttachments': CURRENT_MESSAGE_CONTENT,
  Sheets: SHEETS,
  'UrlFetchApp.fetch': EXTERNAL_REQUEST,
  'UrlFetchApp.fetchAll': EXTERNAL_REQUEST,
  'UrlFetchApp.getRequest': EXTERNAL_REQUEST,
};

/** The text Apps Script ends an execution with when the user must authorize first. */
export const AUTHORIZATION_REQUIRED = 'Authorization is required to perform that action.';

/** How requireScopes / requireAllScopes ended the execution: Google's consent prompt for `scopes`. */
export interface PromptRequest {
  scopes: string[];
  by: 'requireScopes' | 'requireAllScopes';
}

export function permissionMessage(method: string, scopes: readonly string[]): string {
  const required = scopes.length === 1 ? (scopes[0] ?? '') : `(${scopes.join(' || ')})`;
  return `You do not have permission to call ${method}. Required permissions: ${required}`;
}

export class ScopeGate {
  private ended: PromptRequest | undefined;

  constructor(
    readonly authorization: ExecutionAuthorization | undefined,
    private readonly makeError: (message: string) => Error,
  ) {}

  /** Whether scopes are enforced at all (the manifest declares oauthScopes). */
  get enforced(): boolean {
    return Boolean(this.authorization?.declared);
  }

  get declared(): readonly string[] | null {
    return this.authorization?.declared ?? null;
  }

  isGranted(scope: string): boolean {
    return !this.enforced || (this.authorization?.granted.includes(scope) ?? false);
  }

  /** The asked scopes the user has not granted, in the order asked. */
  missing(scopes: readonly string[]): string[] {
    return scopes.filter((scope) => !this.isGranted(scope));
  }

  /** Throws as Apps Script does when `method` needs a scope the user has not granted. */
  permit(method: string): void {
    this.checkRunning();
    const needs = REQUIRED_SCOPES[method];
    if (!needs || needs.some((scope) => this.isGranted(scope))) return;
    throw this.makeError(permissionMessage(method, needs));
  }

  /** For an API call (the Sheets advanced service): whether the token carries a scope the API accepts. */
  allowsApi(service: string): boolean {
    this.checkRunning();
    const needs = REQUIRED_SCOPES[service];
    return !needs || needs.some((scope) => this.isGranted(scope));
  }

  /** requireScopes found scopes missing: the execution ends here, with Google's consent prompt. */
  end(request: PromptRequest): never {
    this.ended ??= request;
    throw this.makeError(AUTHORIZATION_REQUIRED);
  }

  /** Any service call after the execution ended throws the same again. */
  checkRunning(): void {
    if (this.ended) throw this.makeError(AUTHORIZATION_REQUIRED);
  }

  /** The consent prompt the execution ended with, if it did. */
  get prompt(): PromptRequest | undefined {
    return this.ended;
  }
}
