/**
 * The OAuth scopes the code asks for by name (the manifest declares them; the README's table says
 * why each is there and its class), and the error that says which of them a call was refused.
 */
export const SCOPES = {
  /** Who the user is, so the add-on knows their organisation (Session.getActiveUser). */
  email: 'https://www.googleapis.com/auth/userinfo.email',
  /** The user's language for the owner's texts (Session.getActiveUserLocale). */
  locale: 'https://www.googleapis.com/auth/script.locale',
  /**
   * The email support has open (the contextual trigger): its sender, and the names, types and sizes
   * of its attachments (a signed agreement). The metadata scope does not cover attachments.
   */
  message: 'https://www.googleapis.com/auth/gmail.addons.current.message.readonly',
  /** The backing Sheet that setup created, for the owner's executions. */
  sheet: 'https://www.googleapis.com/auth/drive.file',
} as const;

export type ScopeName = keyof typeof SCOPES;

const NAME_BY_SCOPE = new Map<string, ScopeName>(
  (Object.keys(SCOPES) as ScopeName[]).map((name) => [SCOPES[name], name]),
);

/** The short name of a scope the code knows, or undefined. */
export function scopeName(scope: string): ScopeName | undefined {
  return NAME_BY_SCOPE.get(scope);
}

/** A service call was refused because the user has not granted these scopes. */
export class MissingScopesError extends Error {
  constructor(readonly scopes: readonly string[]) {
    super(`Not authorized for ${scopes.join(', ')}`);
    this.name = 'MissingScopesError';
  }
}
