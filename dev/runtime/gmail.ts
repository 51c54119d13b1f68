/**
 * The Gmail messages an add-on's contextual trigger can see, for the GmailApp fake. Gmail gives the
 * add-on a per-message access token in the event; `GmailApp.getMessageById` works only for that
 * message and only after `setCurrentMessageAccessToken`, under a `gmail.addons.current.message.*`
 * scope (developers.google.com/workspace/add-ons/gmail/extending-message-ui).
 */
import { randomUUID } from 'node:crypto';

/** A file attached to a message: what GmailAttachment's getters return (its content is not kept). */
export interface StoredAttachment {
  name: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Shown inside the text (an image), rather than attached as a file. */
  inline?: boolean;
}

export interface StoredMessage {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  /** The token the contextual trigger's event carries for this message. */
  accessToken: string;
  /** Absent: none. */
  attachments?: StoredAttachment[];
}

export interface GmailSnapshot {
  messages: StoredMessage[];
}

/**
 * What a script may read of a message: its metadata, and its attachments (which GmailMessage gives
 * out only under a scope that covers content; see `fakeGmailMessage`).
 */
export interface MessageMetadata {
  from: string;
  to: string;
  subject: string;
  attachments: StoredAttachment[];
}

export const GMAIL_ERRORS = {
  missingToken: 'Access denied: : Missing access token for per message scope',
  notFound: 'Invalid argument: id',
} as const;

export class GmailStore {
  private messages = new Map<string, StoredMessage>();

  /** A message in the user's mailbox; returns its id (as Gmail's, a hex string). */
  addMessage(message: {
    from: string;
    to: string;
    subject?: string;
    messageId?: string;
    attachments?: readonly StoredAttachment[];
  }): string {
    const messageId = message.messageId ?? randomUUID().replace(/-/g, '').slice(0, 16);
    this.messages.set(messageId, {
      messageId,
      from: message.from,
      to: message.to,
      subject: message.subject ?? '',
      accessToken: `ya29.local-${randomUUID()}`,
      ...(message.attachments && message.attachments.length > 0
        ? { attachments: message.attachments.map((a) => ({ ...a })) }
        : {}),
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
    return {
      from: message.from,
      to: message.to,
      subject: message.subject,
      attachments: (message.attachments ?? []).map((a) => ({ ...a })),
    };
  }

  snapshot(): GmailSnapshot {
    return { messages: [...this.messages.values()].map(copyMessage) };
  }

  restore(snapshot: GmailSnapshot | undefined): void {
    this.messages = new Map((snapshot?.messages ?? []).map((m) => [m.messageId, copyMessage(m)]));
  }
}

function copyMessage(message: StoredMessage): StoredMessage {
  return {
    ...message,
    ...(message.attachments ? { attachments: message.attachments.map((a) => ({ ...a })) } : {}),
  };
}

/** What the fake GmailMessage needs of its execution: counting, the scope gate, Apps Script's errors. */
export interface FakeMessageEnvironment {
  count(method: string): void;
  /** Throws as Apps Script does when the method needs a scope the user has not granted. */
  permit(method: string): void;
  makeError(message: string): Error;
}

/**
 * The GmailMessage `getMessageById` returns: its metadata getters (covered by any current-message
 * scope, as getMessageById was), and `getAttachments`, which needs a scope that covers the
 * message's content (scope-gate.ts: `gmail.addons.current.message.readonly`, not `.metadata`).
 * Its attachments answer getName, getContentType and getSize; anything else throws, naming the
 * local runtime.
 */
export function fakeGmailMessage(
  id: string,
  read: MessageMetadata,
  env: FakeMessageEnvironment,
): GoogleAppsScript.Gmail.GmailMessage {
  const notImplemented = (what: string): never => {
    throw env.makeError(`${what} is not implemented by the local runtime (dev/runtime/gmail.ts)`);
  };
  const strict = <T extends object>(target: T, className: string): T =>
    new Proxy(target, {
      get(object, property) {
        if (property in object) return object[property as keyof T];
        if (typeof property === 'symbol' || property === 'then') return undefined;
        return () => notImplemented(`${className}.${property}`);
      },
    });
  const attachment = (a: StoredAttachment) =>
    strict(
      {
        getName: () => a.name,
        getContentType: () => a.contentType,
        getSize: () => a.size,
      },
      'GmailAttachment',
    );
  const message = {
    getId: () => String(id),
    getFrom: () => read.from,
    getTo: () => read.to,
    getSubject: () => read.subject,
    getAttachments: (options?: GoogleAppsScript.Gmail.GmailAttachmentOptions) => {
      env.count('GmailMessage.getAttachments');
      env.permit('GmailMessage.getAttachments');
      const inline = options?.includeInlineImages ?? true;
      const files = options?.includeAttachments ?? true;
      return read.attachments.filter((a) => (a.inline === true ? inline : files)).map(attachment);
    },
  };
  return strict(message, 'GmailMessage') as unknown as GoogleAppsScript.Gmail.GmailMessage;
}
