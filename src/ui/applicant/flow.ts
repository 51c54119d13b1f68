/**
 * The applicant's flow: "Become a reseller" and "Send application", as card models and responses.
 * Apps Script services arrive through `ApplicantServices`, so this module names no Apps Script
 * global.
 *
 * The domain an application is for is always the signed-in account's: no parameter or form input
 * can name another. Opening the action reads the email and the domain's record (its role comes
 * with it); sending reads the email, then commits under the script lock (the record, the commit
 * sequence, one write).
 */
import { classifyAccount, type Account } from '../../domain/account';
import { UnencodableRecordError } from '../../domain/assignment';
import type { DomainRole } from '../../domain/organisation';
import { readApplication, type Application } from '../../domain/programme';
import { MissingScopesError } from '../../domain/scopes';
import { cutToCodePoints } from '../../domain/text';
import { readAssignment } from '../../store/assignments';
import { StoreFullError } from '../../store/errors';
import { DamagedSequenceError } from '../../store/outbox';
import type { KeyValueStore, ScriptLock } from '../../store/ports';
import { commitApplication, domainRole } from '../../store/programme';
import { supportAddressIn } from '../../store/support-address';
import type { ActionResponseModel, CardModel } from '../../cards/card-model';
import { escapeHtml, withSupportLink } from '../../cards/html';
import { readEvent, type AddonEvent, type EventView } from '../event';
import { createView, type View } from '../view';
import {
  APPLICATION_FIELDS,
  EMPTY_INPUT,
  applicantAccountCard,
  applicationFormCard,
  applicationStatusCard,
  linkedDomainCard,
  problemCard,
  problemTexts,
  type ApplicationInput,
} from './cards';

export interface ApplicantServices {
  email(): string;
  now(): number;
  scriptStore(): KeyValueStore;
  lock(): ScriptLock;
  /** Where people write to support (deployment configuration; the Settings tab's wins). */
  supportEmail(): string;
}

/** More than any field may hold: what is read of a typed value (the rest is never looked at). */
const READ_MAX_CHARS = 20_000;

/**
 * How much of a refused value the form shows again: a little past the field's limit, so that the
 * user sees what to shorten, and never a huge text back in the card.
 */
const SHOWN_MAX_CHARS: Readonly<Record<keyof ApplicationInput, number>> = {
  company: 400,
  contactName: 240,
  contactEmail: 300,
  country: 20,
  website: 600,
  message: 4000,
};

type Organisation = Extract<Account, { kind: 'organisation' }>;

export function createApplicantFlow(services: ApplicantServices) {
  const request = (e: AddonEvent | undefined): { event: EventView; view: View } => {
    const event = readEvent(e);
    return { event, view: createView(event.language, event.timeZone) };
  };
  const notify = (text: string): ActionResponseModel => ({ navigation: [], notification: text });

  /** The support address, read only by the cards and messages that name it, once per execution. */
  let supportAddress: string | undefined;
  const support = (): string =>
    (supportAddress ??= supportAddressIn(services.scriptStore(), services.supportEmail()));

  const freshForm = (view: View, account: Organisation, before?: DomainRole): CardModel =>
    applicationFormCard(view, account.domain, {
      input: { ...EMPTY_INPUT, contactEmail: account.email },
      ...(before ? { before: { role: before, supportEmail: support } } : {}),
    });

  const statusOf = (view: View, account: Organisation, role: DomainRole, thanksTo?: string): CardModel =>
    applicationStatusCard(view, account.domain, role, support, thanksTo);

  /**
   * What "Become a reseller" shows this account: what applying needs, the application's status, or
   * the form (also after a rejection, below its status).
   */
  const entryCard = (view: View, account: Account): CardModel => {
    if (account.kind === 'hidden')
      return applicantAccountCard(view, { kind: 'hidden', supportEmail: support() });
    if (account.kind === 'personal')
      return applicantAccountCard(view, { kind: 'personal', email: account.email });
    const { domain } = account;
    const stored = readAssignment(services.scriptStore(), domain);
    if (stored.state === 'unreadable') return unreadable(view, domain);
    if (stored.state === 'ok' && stored.organisation !== domain)
      return linkedDomainCard(view, domain, stored.organisation, support());
    const role = domainRole(stored, domain);
    if (!role) return freshForm(view, account);
    if (role.status === 'rejected') return freshForm(view, account, role);
    return statusOf(view, account, role);
  };

  const unreadable = (view: View, domain: string): CardModel => {
    console.error(
      `The record of ${domain} cannot be read; no application can be sent until support looks at it`,
    );
    return problemCard(view, domain, withSupportLink(view.t('apply.unreadable', { domain }), support()));
  };

  /** Turns failures into a message in the user's language. The commit is all-or-nothing. */
  const guarded = (view: View, act: () => ActionResponseModel): ActionResponseModel => {
    try {
      return act();
    } catch (error) {
      // The entry point answers a missing permission with its own card.
      if (error instanceof MissingScopesError) throw error;
      if (error instanceof StoreFullError) return notify(view.t('error.storeFull', { support: support() }));
      if (error instanceof DamagedSequenceError) {
        console.error('The commit sequence cannot be read; nothing was saved', error.raw);
        return notify(view.t('error.storeDamaged', { support: support() }));
      }
      if (error instanceof UnencodableRecordError) console.error('A record could not be encoded', error);
      else console.error('sending an application failed', error);
      return notify(view.t('error.unexpected'));
    }
  };

  /** The form's fields as typed (each read only up to a bound), never a domain. */
  const typed = (event: EventView): ApplicationInput => {
    const value = (field: keyof ApplicationInput): string =>
      cutToCodePoints(event.formValue(APPLICATION_FIELDS[field]) ?? '', READ_MAX_CHARS);
    return {
      company: value('company'),
      contactName: value('contactName'),
      contactEmail: value('contactEmail'),
      country: value('country'),
      website: value('website'),
      message: value('message'),
    };
  };

  /** The cleaned values, as the form shows them again (bounded). */
  const shown = (application: Application): ApplicationInput => {
    const cut = (field: keyof ApplicationInput): string =>
      cutToCodePoints(application[field], SHOWN_MAX_CHARS[field]);
    return {
      company: cut('company'),
      contactName: cut('contactName'),
      contactEmail: cut('contactEmail'),
      country: cut('country'),
      website: cut('website'),
      message: cut('message'),
    };
  };

  const send = (view: View, event: EventView, account: Organisation): ActionResponseModel => {
    const { domain } = account;
    const check = readApplication({ ...typed(event), domain });
    if (!check.ok) {
      const problems = problemTexts(view, domain, check.application, check.problems);
      return {
        navigation: [
          { update: applicationFormCard(view, domain, { input: shown(check.application), problems }) },
        ],
      };
    }
    const result = commitApplication(services.scriptStore(), services.lock(), {
      application: check.application,
      actorEmail: account.email,
      clock: services.now,
    });
    switch (result.outcome) {
      case 'busy':
        // The form stays as the user filled it.
        return notify(view.t('error.busy'));
      case 'unreadable':
        return { navigation: [{ update: unreadable(view, domain) }] };
      case 'linkedDomain':
        return {
          navigation: [{ update: linkedDomainCard(view, domain, result.organisation, support()) }],
          notification: view.t('apply.linked.notice', { domain, organisation: result.organisation }),
        };
      case 'alreadyReseller':
      case 'openApplication':
        return {
          navigation: [
            { update: statusOf(view, account, { resellerId: '', status: result.status, member: domain }) },
          ],
          notification: view.t(
            result.outcome === 'alreadyReseller' ? 'apply.alreadyReseller' : 'apply.alreadyOpen',
            {
              domain,
            },
          ),
        };
      case 'applied':
        return {
          navigation: [
            {
              update: statusOf(
                view,
                account,
                { resellerId: '', status: 'applied', member: domain },
                check.application.contactEmail,
              ),
            },
          ],
          notification: view.t('apply.sent'),
          stateChanged: true,
        };
    }
  };

  return {
    /** The universal action "Become a reseller". */
    becomeReseller(e: AddonEvent | undefined): CardModel {
      const { view } = request(e);
      try {
        return entryCard(view, classifyAccount(services.email()));
      } catch (error) {
        if (error instanceof MissingScopesError) throw error;
        console.error('"Become a reseller" failed', error);
        return problemCard(view, undefined, escapeHtml(view.t('error.unexpected')));
      }
    },

    /** "Send application": checked field by field; nothing is written unless every field is right. */
    submitApplication(e: AddonEvent | undefined): ActionResponseModel {
      const { event, view } = request(e);
      return guarded(view, () => {
        if (event.forged) return notify(view.t('error.staleCard'));
        const account = classifyAccount(services.email());
        if (account.kind !== 'organisation') return { navigation: [{ update: entryCard(view, account) }] };
        // A card of another account (a stale sidebar, a forged call): the domain is never taken from it.
        const claimed = event.parameter('domain');
        if (claimed !== undefined && claimed !== account.domain)
          return notify(view.t('error.wrongOrganisation'));
        return send(view, event, account);
      });
    },
  };
}

export type ApplicantFlow = ReturnType<typeof createApplicantFlow>;
