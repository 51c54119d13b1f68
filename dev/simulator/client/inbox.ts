/// <reference lib="dom" />
/**
 * The mail area beside the sidebar: the signed-in identity's inbox (from, subject, date) and the
 * mail they opened. Opening one is what makes Gmail run the add-on's contextual trigger; closing it
 * (the button or Escape) goes back to the inbox, and Gmail back to the homepage. The sidebar's side
 * of both is the caller's (onOpen, onClose).
 */
import { $, api } from './api';

export interface InboxMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  receivedAt: string;
  date: string;
  body: string;
}

interface InboxView {
  email: string;
  mails: InboxMail[];
}

export interface InboxOptions {
  onOpen: (mail: InboxMail) => void;
  onClose: () => void;
  log: (line: string) => void;
}

export interface Inbox {
  /** Lists the identity's mails (dates in `locale`); a mail that was open stays open if still there. */
  load: (identityId: string, locale: string) => Promise<void>;
  /** The open mail's id, if one is open. */
  openId: () => string | undefined;
  /** Back to the list without telling the caller (identity switched, state reset). */
  closeQuietly: () => void;
}

/** "David Huber" of "David Huber <david.huber@…>", the address when there is no name. */
function senderName(from: string): string {
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1]?.trim();
  return name || from.replace(/[<>]/g, '').trim();
}

export function initInbox(options: InboxOptions): Inbox {
  const list = $<HTMLUListElement>('#mail-list');
  const listSection = $('#inbox');
  const view = $('#mail-view');
  let mails: InboxMail[] = [];
  let open: string | undefined;
  let request = 0;

  const show = (mail: InboxMail): void => {
    open = mail.messageId;
    $('#mail-subject').textContent = mail.subject || '(no subject)';
    $('#mail-from').textContent = mail.from;
    $('#mail-to').textContent = mail.to;
    const date = $<HTMLTimeElement>('#mail-date');
    date.textContent = mail.date;
    date.dateTime = mail.receivedAt;
    $('#mail-body').textContent = mail.body;
    listSection.hidden = true;
    view.hidden = false;
  };

  const backToList = (): string | undefined => {
    const was = open;
    open = undefined;
    view.hidden = true;
    listSection.hidden = false;
    return was;
  };

  const openMail = (mail: InboxMail): void => {
    show(mail);
    $('#mail-subject').focus();
    options.log(`Opened the mail "${mail.subject}" from ${mail.from}`);
    options.onOpen(mail);
  };

  const close = (): void => {
    const was = backToList();
    if (was === undefined) return;
    list.querySelector<HTMLButtonElement>(`button[data-message-id="${was}"]`)?.focus();
    options.onClose();
  };

  const fill = (): void => {
    list.replaceChildren(
      ...mails.map((mail) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'mail-item';
        button.dataset.messageId = mail.messageId;
        const from = document.createElement('span');
        from.className = 'mail-item-from';
        from.textContent = senderName(mail.from);
        from.title = mail.from;
        const subject = document.createElement('span');
        subject.className = 'mail-item-subject';
        subject.textContent = mail.subject || '(no subject)';
        const date = document.createElement('time');
        date.className = 'mail-item-date';
        date.dateTime = mail.receivedAt;
        date.textContent = mail.date;
        button.append(from, subject, date);
        button.addEventListener('click', () => openMail(mail));
        item.append(button);
        return item;
      }),
    );
    $('#inbox-empty').hidden = mails.length > 0;
    list.hidden = mails.length === 0;
  };

  $('#mail-close').addEventListener('click', close);
  view.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });

  return {
    load: async (identityId, locale) => {
      const mine = ++request;
      try {
        const query = new URLSearchParams({ identity: identityId, lang: locale });
        const inbox = await api<InboxView>('GET', `/api/inbox?${query.toString()}`);
        if (mine !== request) return;
        mails = inbox.mails;
        $('#inbox-owner').textContent = inbox.email ? `of ${inbox.email}` : '';
        fill();
        const still = mails.find((mail) => mail.messageId === open);
        if (still) show(still);
        else backToList();
      } catch (error) {
        options.log(`Could not read the inbox: ${(error as Error).message}`);
      }
    },
    openId: () => open,
    closeQuietly: () => {
      backToList();
    },
  };
}
