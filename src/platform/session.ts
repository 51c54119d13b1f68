/** The active user's email; '' when the user's domain policy hides it. */
export function activeUserEmail(): string {
  return Session.getActiveUser().getEmail() ?? '';
}
