import { SCOPES } from '../domain/scopes';
import { withScope } from './authorization';

/**
 * The active user's email; '' when the user's domain policy hides it. Throws MissingScopesError
 * when the user has not granted the email scope.
 */
export function activeUserEmail(): string {
  return withScope(SCOPES.email, () => Session.getActiveUser().getEmail() ?? '');
}

/**
 * The account the script runs as: the user in add-on executions, the trigger's creator in a
 * time-driven trigger, the owner in the editor. Owner-only entry points compare it with the
 * configured owner.
 */
export function effectiveUserEmail(): string {
  return Session.getEffectiveUser().getEmail() ?? '';
}

/** The active user's locale, e.g. "de" or "en-GB"; "" when Apps Script does not know it. */
export function activeUserLocale(): string {
  return Session.getActiveUserLocale() ?? '';
}
