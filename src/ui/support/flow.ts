/**
 * Support's room in the sidebar: the homepage for the vendor's support staff (find an
 * organisation, the open change requests, the sync, the store's fill level), an organisation's
 * card, and assigning or correcting its reseller with a reason.
 *
 * Support is whoever the backing Sheet's Settings tab lists (kept in Script Properties by the
 * sync), and only accounts of the owner's domain are looked up there, so that customers' homepages
 * pay no extra call. Every support callback checks the caller again on the server, whatever the
 * card showed; anyone else gets their customer view and nothing changes.
 */
import { DOMAIN_RE } from '../../domain/syntax';
import { classifyAccount } from '../../domain/account';
import { answerText, type Assignment } from '../../domain/assignment';
import { decodeOrganisation, isLinkedCopy, MAX_LINKED_DOMAINS } from '../../domain/organisation';
import { MissingScopesError } from '../../domain/scopes';
import { parseStoredSettings } from '../../domain/settings-rows';
import { labelFor, type LabelOf } from '../../domain/search';
import { findSegmentedByLabel } from '../../domain/segmented-search';
import { cutToCodePoints } from '../../domain/text';
import { commitRequestAnswers, commitSupportAssignment, readAssignment } from '../../store/assignments';
import { readDirectory } from '../../store/directory';
import { commitLink, type LinkOutcome } from '../../store/links';
import { domainRole } from '../../store/programme';
import { storeFillPercent } from '../../store/capacity';
import { LABELS } from '../../store/labels';
import { selectFrom } from '../../store/select';
import { StoreFullError } from '../../store/errors';
import { KEYS } from '../../store/keys';
import { readMissingScopes } from '../../store/missing-scopes';
import { listOutbox, readSequence } from '../../store/outbox';
import type { Cache, KeyValueStore, ScriptLock } from '../../store/ports';
import { loadSearchIndex, lookupResellerName } from '../../store/search-cache';
import { FIELDS } from '../actions';
import type { ActionResponseModel, CardModel } from '../../cards/card-model';
import { readEvent, type AddonEvent } from '../event';
import { countryName } from '../i18n';
import { createView, type View } from '../view';
import {
  supportHomeCard,
  supportOrganisationCard,
  type OrganisationState,
  type SupportOverview,
} from './cards';
import { createProgrammeHandlers, programmeQueue, type SupportMessage } from './programme';

export interface SupportServices {
  email(): string;
  now(): number;
  scriptStore(): KeyValueStore;
  cache(): Cache;
  lock(): ScriptLock;
  /** The deployment's owner: support staff are accounts of the owner's domain. */
  ownerEmail(): string;
  /** The customer's view of the same event, for anyone who is not support. */
  customerHome(e: AddonEvent | undefined): CardModel;
  /** The email support has open (Gmail's contextual trigger): its sender, its attachments. */
  openMessage(message: { messageId: string; accessToken: string }): SupportMessage;
}

const MAX_REASON_CHARS = 500;
/** A sync that has not run for this long is reported late (the trigger is missing or failing). */
const LATE_AFTER_MS = 3 * 60 * 60 * 1000;

export function createSupportFlow(services: SupportServices) {
  const request = (e: AddonEvent | undefined): { event: ReturnType<typeof readEvent>; view: View } => {
    const event = readEvent(e);
    return { event, view: createView(event.language, event.timeZone) };
  };

  /** Is the caller support? One property read, and only for accounts of the owner's domain. */
  const isSupport = (): boolean => {
    const account = classifyAccount(services.email());
    const owner = classifyAccount(services.ownerEmail());
    if (account.kind !== 'organisation' || owner.kind === 'hidden' || account.domain !== owner.domain)
      return false;
    const settings = parseStoredSettings(services.scriptStore().get(KEYS.settings));
    return settings.supportStaff.includes(account.email);
  };

  const notify = (text: string): ActionResponseModel => ({ navigation: [], notification: text });

  /** Support's own address, as the outbox and the Audit tab name who made a change. */
  const actor = (): string =>
    classifyAccount(services.email()).kind === 'organisation' ? services.email().trim().toLowerCase() : '';

  /** Runs a support action; anyone else gets their own homepage and nothing changes. */
  const forSupport = (
    e: AddonEvent | undefined,
    act: (req: { event: ReturnType<typeof readEvent>; view: View }) => ActionResponseModel,
  ): ActionResponseModel => {
    const req = request(e);
    if (!isSupport()) return { navigation: [{ popToRoot: true }, { update: services.customerHome(e) }] };
    if (req.event.forged) return notify(req.view.t('error.staleCard'));
    try {
      return act(req);
    } catch (error) {
      if (error instanceof MissingScopesError) throw error;
      if (error instanceof StoreFullError)
        return notify(req.view.t('error.storeFull', { support: services.ownerEmail() }));
      console.error('support action failed', error);
      return notify(req.view.t('error.unexpected'));
    }
  };

  // The reseller programme's cards and steps (programme.ts), behind the same caller check.
  const programme = createProgrammeHandlers({ services, forSupport, actor });

  const overview = (): SupportOverview => {
    const store = services.scriptStore();
    // What the card shows, in one read: open change requests and programme roles by label, the
    // changes waiting and the directory by prefix (the whole store on Script Properties).
    const all = selectFrom(store, {
      keys: [KEYS.syncState, KEYS.missingScopes, KEYS.sequence],
      prefixes: [KEYS.directoryPrefix],
      labels: [LABELS.changeRequested, LABELS.programmeQueue, LABELS.application],
    });
    const openRequests: { domain: string; since: number }[] = [];
    for (const [key, value] of Object.entries(all)) {
      // Linked domains' copies are left out: the organisation's own record counts once.
      if (!key.startsWith(KEYS.domainPrefix) || isLinkedCopy(value)) continue;
      const stored = decodeOrganisation(key.slice(KEYS.domainPrefix.length), value);
      if (stored?.record.changeRequestedAt !== undefined)
        openRequests.push({ domain: stored.organisation, since: stored.record.changeRequestedAt });
    }
    openRequests.sort((a, b) => a.since - b.since);
    const lastRunAt = lastSyncRun(all[KEYS.syncState]);
    const directory = readDirectory(all);
    return {
      lastRunAt,
      late: lastRunAt !== undefined && services.now() - lastRunAt > LATE_AFTER_MS,
      waiting: waitingChanges(all),
      ...(store.unbounded ? {} : { fillPercent: storeFillPercent(all) }),
      openRequests,
      missingScopes: readMissingScopes(all[KEYS.missingScopes]),
      programme: programmeQueue(all, directory.ok ? directory.resellers : []),
    };
  };

  const organisationState = (
    domain: string,
    stored = readAssignment(services.scriptStore(), domain),
  ): OrganisationState => {
    if (stored.state === 'unreadable') return { kind: 'unreadable' };
    const programmeStatus = domainRole(stored, domain)?.status;
    const role = programmeStatus ? { programme: programmeStatus } : {};
    if (stored.state === 'none') return { kind: 'none', ...role };
    return {
      kind: 'ok',
      record: stored.record,
      resellerName: nameOf(stored.record),
      organisation: stored.organisation,
      links: stored.links,
      ...role,
    };
  };

  const nameOf = (record: Assignment): string | undefined => {
    if (record.kind !== 'reseller') return undefined;
    const found = lookupResellerName(services.scriptStore(), services.cache(), record.resellerId);
    return found.found ? found.name : undefined;
  };

  /** A reseller typed as its id, or picked as a suggestion label. */
  const resellerIdFor = (view: View, query: string): string | undefined => {
    if (/^R-\d{1,9}$/i.test(query)) return query.toUpperCase();
    const { index } = loadSearchIndex(services.scriptStore(), services.cache(), 'choose');
    const labelOf: LabelOf = (reseller, duplicate) =>
      labelFor(reseller, duplicate, countryName(view.language, reseller.country));
    return findSegmentedByLabel(index, query, labelOf)?.id;
  };

  return {
    /** The homepage: support's own for support staff, the customer's for everyone else. */
    homepage(e: AddonEvent | undefined): CardModel {
      if (!isSupport()) return services.customerHome(e);
      const { view } = request(e);
      return supportHomeCard(view, overview());
    },

    /**
     * Support opened an email: the sender's organisation at once. For everyone else the add-on shows
     * what its homepage shows (the contextual trigger runs for every user and every email).
     */
    message(e: AddonEvent | undefined): CardModel {
      if (!isSupport()) return services.customerHome(e);
      const { event, view } = request(e);
      let open: (SupportMessage & { messageId: string }) | undefined;
      try {
        if (event.message)
          open = { ...services.openMessage(event.message), messageId: event.message.messageId };
      } catch (error) {
        // A permission support has not granted gets its own card (the entry point shows it).
        if (error instanceof MissingScopesError) throw error;
        console.error('the open message cannot be read', error);
      }
      const account = classifyAccount(open?.sender ?? '');
      if (account.kind === 'organisation') {
        const stored = readAssignment(services.scriptStore(), account.domain);
        // A reseller's (or applicant's) email shows its programme card, with its PDFs when due.
        const reseller = domainRole(stored, account.domain)
          ? programme.messageCard(view, account.domain, open)
          : undefined;
        return (
          reseller ??
          supportOrganisationCard(view, account.domain, organisationState(account.domain, stored), {}, true)
        );
      }
      const problem =
        account.kind === 'personal'
          ? view.t('support.message.personal', { email: account.email })
          : view.t('support.message.unknown');
      return supportHomeCard(view, overview(), problem);
    },

    find: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ event, view }) => {
        const typed = (event.parameter('domain') ?? event.formValue(FIELDS.supportDomain) ?? '')
          .trim()
          .toLowerCase();
        const domain = typed.includes('@') ? typed.slice(typed.lastIndexOf('@') + 1) : typed;
        if (!DOMAIN_RE.test(domain)) {
          const shown = cutToCodePoints(typed, 80);
          return {
            navigation: [
              {
                update: supportHomeCard(
                  view,
                  overview(),
                  view.t('support.find.badDomain', { domain: shown }),
                ),
              },
            ],
          };
        }
        return { navigation: [{ push: supportOrganisationCard(view, domain, organisationState(domain)) }] };
      }),

    assign: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ event, view }) => {
        const domain = event.parameter('domain') ?? '';
        if (!DOMAIN_RE.test(domain)) return notify(view.t('error.staleCard'));
        const query = cutToCodePoints((event.formValue(FIELDS.resellerQuery) ?? '').trim(), 600);
        const reason = (event.formValue(FIELDS.supportReason) ?? '').trim();
        const again = (problem: string): ActionResponseModel => ({
          navigation: [
            {
              update: supportOrganisationCard(view, domain, organisationState(domain), {
                query,
                reason: cutToCodePoints(reason, MAX_REASON_CHARS),
                problem,
              }),
            },
          ],
        });
        if (reason === '') return again(view.t('support.assign.noReason'));
        const resellerId = query === '' ? undefined : resellerIdFor(view, query);
        if (resellerId === undefined)
          return again(view.t('support.assign.noReseller', { query: cutToCodePoints(query, 80) }));
        const result = commitSupportAssignment(services.scriptStore(), services.lock(), {
          domain,
          actorEmail: actor(),
          resellerId,
          reason: cutToCodePoints(reason, MAX_REASON_CHARS),
          clock: services.now,
          cache: services.cache(),
        });
        switch (result.outcome) {
          case 'saved':
            return {
              // The card from what was just written: no second read of the record.
              navigation: [
                { update: supportOrganisationCard(view, domain, organisationState(domain, result.stored)) },
              ],
              notification: view.t('support.assign.saved', { domain, name: result.reseller.name }),
              stateChanged: true,
            };
          case 'unavailable':
            return again(view.t('support.assign.noReseller', { query: cutToCodePoints(query, 80) }));
          case 'unreadable':
            return again(view.t('support.org.unreadable', { domain }));
          case 'directoryUnreadable':
          case 'busy':
            return notify(view.t('error.unexpected'));
        }
      }),

    /** Answers the waiting request without changing the reseller; the reason is the answer. */
    answer: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ event, view }) => {
        const domain = event.parameter('domain') ?? '';
        if (!DOMAIN_RE.test(domain)) return notify(view.t('error.staleCard'));
        const answer = answerText(event.formValue(FIELDS.supportReason) ?? '');
        if (answer === '')
          return {
            navigation: [
              {
                update: supportOrganisationCard(view, domain, organisationState(domain), {
                  query: event.formValue(FIELDS.resellerQuery) ?? '',
                  problem: view.t('support.answer.noAnswer'),
                }),
              },
            ],
          };
        const result = commitRequestAnswers(services.scriptStore(), services.lock(), [
          {
            domain,
            actorEmail: services.email().trim().toLowerCase(),
            state: 'rejected',
            answer,
            clock: services.now,
          },
        ]);
        if (result.outcome !== 'saved') return notify(view.t('error.unexpected'));
        return {
          navigation: [{ update: supportOrganisationCard(view, domain, organisationState(domain)) }],
          notification: view.t(result.saved.length > 0 ? 'support.answer.saved' : 'support.answer.none', {
            domain,
          }),
          stateChanged: result.saved.length > 0,
        };
      }),

    /** Adds the card's domain to the organisation support typed (any of that organisation's domains). */
    link: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ event, view }) => {
        const domain = event.parameter('domain') ?? '';
        if (!DOMAIN_RE.test(domain)) return notify(view.t('error.staleCard'));
        const typed = (event.formValue(FIELDS.supportOrganisation) ?? '').trim().toLowerCase();
        const target = typed.includes('@') ? typed.slice(typed.lastIndexOf('@') + 1) : typed;
        const again = (problem: string): ActionResponseModel => ({
          navigation: [
            {
              update: supportOrganisationCard(view, domain, organisationState(domain), {
                query: event.formValue(FIELDS.resellerQuery) ?? '',
                reason: cutToCodePoints(event.formValue(FIELDS.supportReason) ?? '', MAX_REASON_CHARS),
                organisation: cutToCodePoints(typed, 260),
                linkProblem: problem,
              }),
            },
          ],
        });
        if (!DOMAIN_RE.test(target))
          return again(view.t('support.find.badDomain', { domain: cutToCodePoints(typed, 80) }));
        const result = commitLink(services.scriptStore(), services.lock(), {
          kind: 'link',
          domain,
          organisation: target,
          actorEmail: actor(),
          reason: cutToCodePoints((event.formValue(FIELDS.supportReason) ?? '').trim(), MAX_REASON_CHARS),
          clock: services.now,
        });
        const refused = linkRefusal(view, result, domain, target);
        if (refused !== undefined) return again(refused);
        const organisation = 'organisation' in result ? result.organisation : target;
        return {
          navigation: [{ update: supportOrganisationCard(view, domain, organisationState(domain)) }],
          notification: view.t(
            result.outcome === 'linked' ? 'support.link.saved' : 'support.link.unchanged',
            {
              domain,
              organisation,
            },
          ),
          stateChanged: result.outcome === 'linked',
        };
      }),

    /** Removes a domain from its organisation; the card that asked is shown again, up to date. */
    unlink: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ event, view }) => {
        const domain = event.parameter('domain') ?? '';
        const organisation = event.parameter('organisation') ?? '';
        if (!DOMAIN_RE.test(domain) || !DOMAIN_RE.test(organisation))
          return notify(view.t('error.staleCard'));
        const result = commitLink(services.scriptStore(), services.lock(), {
          kind: 'unlink',
          domain,
          organisation,
          actorEmail: actor(),
          reason: cutToCodePoints((event.formValue(FIELDS.supportReason) ?? '').trim(), MAX_REASON_CHARS),
          clock: services.now,
        });
        if (result.outcome === 'busy') return notify(view.t('error.unexpected'));
        if (result.outcome === 'unreadable')
          return notify(view.t('support.org.unreadable', { domain: result.domain }));
        // The card the button was on: the organisation's (a list of its domains) or the domain's own.
        const shown = event.parameter('from') === 'organisation' ? organisation : domain;
        return {
          navigation: [{ update: supportOrganisationCard(view, shown, organisationState(shown)) }],
          notification: view.t(
            result.outcome === 'unlinked' ? 'support.unlink.saved' : 'support.unlink.notLinked',
            {
              domain,
              organisation,
            },
          ),
          stateChanged: result.outcome === 'unlinked',
        };
      }),

    reseller: programme.open,
    transition: programme.transition,
    markSigned: programme.markSigned,

    syncNow: (e: AddonEvent | undefined): ActionResponseModel =>
      forSupport(e, ({ view }) => {
        services.scriptStore().setAll({ [KEYS.syncRequest]: String(services.now()) });
        const minutes = parseStoredSettings(services.scriptStore().get(KEYS.settings)).syncMinutes;
        return { navigation: [], notification: view.t('support.sync.requested', { minutes }) };
      }),
  };
}

/** What support is told when the store refused a link, or undefined when it was made (or already so). */
function linkRefusal(
  view: View,
  result: LinkOutcome | { outcome: 'busy' },
  domain: string,
  organisation: string,
): string | undefined {
  switch (result.outcome) {
    case 'linked':
    case 'unchanged':
    case 'unlinked':
      return undefined;
    case 'sameDomain':
      return view.t('support.link.sameDomain', { domain });
    case 'noOrganisation':
      return view.t('support.link.noOrganisation', { domain, organisation });
    case 'hasLinks':
      return view.t('support.link.hasLinks', { domain, links: result.links.join(', ') });
    case 'tooMany':
      return view.t('support.link.tooMany', { organisation, max: MAX_LINKED_DOMAINS });
    case 'isReseller':
      return view.t('support.link.isReseller', { domain });
    case 'unreadable':
      return view.t('support.org.unreadable', { domain: result.domain });
    case 'notLinked':
    case 'busy':
      return view.t('error.unexpected');
  }
}

/**
 * How many changes wait for the sync: every commit takes the next sequence number and the sync
 * records the highest it wrote, so the difference is the count, without reading the changes (10,000
 * of them on a busy Firestore store). Without both numbers, the changes read are counted.
 */
function waitingChanges(all: Record<string, string>): number {
  const last = readSequence(all[KEYS.sequence] ?? '');
  // No sync yet: every change since the first waits.
  let written: unknown = 0;
  try {
    const state = all[KEYS.syncState];
    if (state !== undefined) written = (JSON.parse(state) as { lastSequence?: unknown } | null)?.lastSequence;
  } catch {
    written = undefined;
  }
  if (last === null || typeof written !== 'number' || !Number.isInteger(written) || written > last)
    return listOutbox(all).changes.length;
  return last - written;
}

function lastSyncRun(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { lastRunAt?: unknown };
    return typeof parsed.lastRunAt === 'number' && parsed.lastRunAt > 0 ? parsed.lastRunAt : undefined;
  } catch {
    return undefined;
  }
}
