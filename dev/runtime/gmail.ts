/**
 * The Gmail messages an add-on's contextual trigger can see, for the GmailApp fake. Gmail gives the
 * add-on a per-message access token in the event; `GmailApp.getMessageById` works only for that
 * message and only after `setCurrentMessageAccessToken`, under a `gmail.addons.current.message.*`
 * scope (developers.google.com/workspace/add-ons/gmail/extending-message-ui).
 */
import { randomUUID } from 'node:crypto';

export interface StoredMessage {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  /** The token the contextual trigger's event carries for this message. */
  accessToken: string;
}

export interface GmailSnapshot {
  messages: StoredMessage[];
}

/** What a script may read of a message: its metadata. */
export interface MessageMetadata {
  from: string;
  to: string;
  subject: string;
}

export const GMAIL_ERRORS = {
  missingToken: 'Access denied: : Missing access token for per message scope',
  notFound: 'Invalid argument: id',
} as const;

export class GmailStore {
  private messages = new Map<string, StoredMessage>();

  /** A message in the user's mailbox; returns its id (as Gmail's, a hex string). */
  addMessage(message: { from: string; to: string; subject?: string; messageId?: string }): string {
    const messageId = message.messageId ?? randomUUID().replace(/-/g, '').slice(0, 16);
    this.messages.set(messageId, {
      messageId,
      from: message.from,
      to: message.to,
      subject: message.subject ?? '',
      accessToken: `ya29.local-${randomUUID()}`,
    });
    return messageId;
  }

  accessToken(messageId: string): string {
    return this.messages.get(messageId)?.accessToken ?? '';
  }

  /** The metadata of a message, for a script that set this message's token; throws as Gmail does. */
  read(messageId: string, tokens: readonly string[]): MessageMetadata {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(GMAIL_ERRORS.notFound);
    if (!tokens.includes(message.accessToken)) throw new Error(GMAIL_ERRORS.missingToken);
    return { from: message.from, to: message.to, subject: message.subject };
  }

  snapshot(): GmailSnapshot {
    return { messages: [...this.messages.values()].map((m) => ({ ...m })) };
  }

  restore(snapshot: GmailSnapshot | undefined): void {
    this.messages = new Map((snapshot?.messages ?? []).map((m) => [m.messageId, { ...m }]));
  }
}
