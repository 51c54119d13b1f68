/**
 * The email support has open, through the contextual trigger's per-message access token: Gmail
 * lets an add-on read that one message (`gmail.addons.current.message.readonly`: its headers and,
 * for the reseller programme, its attachments' names, types and sizes), and only after the token
 * is set. The add-on never reads a message's body or an attachment's content.
 */

import { SCOPES } from '../domain/scopes';
import { withScope } from './authorization';

/** What the add-on reads of an attachment: never its content. */
export interface MessageAttachment {
  name: string;
  contentType: string;
  /** Bytes. */
  size: number;
}

/** The open message: its sender at once, its attachments only when asked (one more call). */
export interface OpenMessage {
  messageId: string;
  /** The sender's address, or '' when the header names none. */
  sender: string;
  attachments(): MessageAttachment[];
}

/**
 * Opens the message of the contextual trigger's event. Throws MissingScopesError when the
 * current-message scope is not granted.
 */
export function openCurrentMessage(message: { messageId: string; accessToken: string }): OpenMessage {
  const gmail = withScope(SCOPES.message, () => {
    GmailApp.setCurrentMessageAccessToken(message.accessToken);
    return GmailApp.getMessageById(message.messageId);
  });
  const sender = withScope(SCOPES.message, () => emailIn(gmail.getFrom()));
  return {
    messageId: message.messageId,
    sender,
    attachments: () =>
      withScope(SCOPES.message, () =>
        // Inline images are part of the text, not files the sender attached.
        gmail.getAttachments({ includeInlineImages: false }).map((a) => ({
          name: a.getName(),
          contentType: a.getContentType(),
          size: a.getSize(),
        })),
      ),
  };
}

/** "Anna Schmidt <anna@kunde.example>" → "anna@kunde.example"; a bare address as it is. */
export function emailIn(from: string): string {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  const address = angle ? angle[1] : from.trim();
  return /^[^\s@]+@[^\s@]+$/.test(address ?? '') ? (address ?? '').toLowerCase() : '';
}
