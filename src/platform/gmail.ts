/**
 * The email support has open, through the contextual trigger's per-message access token: Gmail
 * lets an add-on read that one message's metadata (`gmail.addons.current.message.metadata`), and
 * only after the token is set.
 */

import { SCOPES } from '../domain/scopes';
import { withScope } from './authorization';

/**
 * The sender's address of the open message, or '' when the header names none. Throws
 * MissingScopesError when the metadata scope is not granted.
 */
export function currentMessageSender(message: { messageId: string; accessToken: string }): string {
  return withScope(SCOPES.message, () => {
    GmailApp.setCurrentMessageAccessToken(message.accessToken);
    return emailIn(GmailApp.getMessageById(message.messageId).getFrom());
  });
}

/** "Anna Schmidt <anna@kunde.example>" → "anna@kunde.example"; a bare address as it is. */
export function emailIn(from: string): string {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  const address = angle ? angle[1] : from.trim();
  return /^[^\s@]+@[^\s@]+$/.test(address ?? '') ? (address ?? '').toLowerCase() : '';
}
