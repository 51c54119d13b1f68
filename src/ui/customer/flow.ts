/**
 * The customer's reseller flow: what each entry point does, as card models and responses. Apps
 * Script services arrive through `Services`, so this module names no Apps Script global.
 *
 * Service calls are budgeted per action (see bench/): the homepage reads the user's email, the
 * organisation's record and either the reseller's name (one small cache value) or, when there is
 * no answer yet, the user's own state; a typeahead keystroke reads only the cached index.
 */
import { classifyAccount, type Account } from '../../domain/account';
import { setBy, UnencodableRecordError, type Assignment } from '../../domain/assignment';
import {
  checkChangeReason,
  CHANGE_REASON_MAX_CHARS,
  CHANGE_REASON_MIN_CHARS,
} from '../../domain/change-request';
import type { Reseller } from '../../domain/reseller';
import {
  labelFor,
  validateSearchQuery,
  MAX_LABEL_LENGTH,
  MAX_QUERY_LENGTH,
  MIN_QUERY_LENGTH,
  type LabelOf,
} from '../../domain/search';
import {
  findSegmentedById,
  findSegmentedByLabel,
  searchSegments,
  type SegmentedIndex,
} from '../../domain/segmented-search';
import { displayInvitationCode, normaliseInvitationCode } from '../../domain/invitation';
import { cutToCodePoints } from '../../domain/text';
import { MissingScopesError } from '../../domain/scopes';
import { askLater, effectiveAskAgainAt } from '../../domain/user-state';
import {
  commitChoice,
  readAssignment,
  recordChangeRequest,
  type CommitOutcome,
} from '../../store/assignments';
import { findInDirectory } from '../../store/directory';
import { StoreFullError } from '../../store/errors';
import type { Locked } from '../../store/locking';
import { DamagedSequenceError } from '../../store/outbox';
import type { Cache, KeyValueStore, ScriptLock } from '../../store/ports';
import { loadSearchIndex, lookupResellerName, type IndexCheck } from '../../store/search-cache';
import { clearUserState, readUserState, writeUserState } from '../../store/user-state';
import { lookupInvitation } from '../../store/invitations';
import { escapeHtml, type Html } from '../../cards/html';
import { supportAddressIn } from '../../store/support-address';
import { FIELDS } from '../actions';
import type { ActionResponseModel, CardModel } from '../../cards/card-model';
import { readEvent, type AddonEvent, type EventView } from '../event';
import { countryName, type MessageKey } from '../i18n';
import { applicationRole, applicationSection } from '../applicant/cards';
import { resellerHomeCard, resellerRoleOf } from '../reseller/flow';
import { hiddenAccountCard, personalAccountCard } from './account';
import { changeRequestCard } from './change-request';
import { confirmCard } from './confirm';
import { laterCard } from './later';
import { messageCard } from './message';
import { questionCard } from './question';
import { recordProblemCard } from './record-problem';
import { SEARCH_CARD, searchCard, type SearchOutcome } from './search';
import { resellerNameText, statusCard, type ShownResellerName } from './status';
import { createView, type View } from '../view';

export interface Services {
  email(): string;
  now(): number;
  scriptStore(): KeyValueStore;
  userStore(): KeyValueStore;
  cache(): Cache;
  lock(): ScriptLock;
  /** Where customers write to support (deployment configuration). */
  supportEmail(): string;
}

/** How far a stored snooze may lie beyond its length before it is stored back bounded. */
const SNOOZE_SLACK_MS = 10_000;

/** The most results a search or a typeahead shows. */
export const RESULT_LIMIT = 10;

type Organisation = Extract<Account, { kind: 'organisation' }>;

interface Request {
  event: EventView;
  view: View;
}

/** Suggestion labels name the country in the user's language, as the result cards do. */
function labelsIn(view: View): LabelOf {
  return (reseller, duplicate) => labelFor(reseller, duplicate, countryName(view.language, reseller.country));
}

export function createFlow(services: Services) {
  const request = (e: AddonEvent | undefined): Request => {
    const event = readEvent(e);
    return { event, view: createView(event.language, event.timeZone) };
  };

  const notify = (text: string): ActionResponseModel => ({ navigation: [], notification: text });
  /**
   * Where customers write to: the support address of the Settings tab (kept by the sync), else the
   * deployment's. Read only by the cards that name it, once per execution.
   */
  let supportAddress: string | undefined;
  const support = (): string =>
    (supportAddress ??= supportAddressIn(services.scriptStore(), services.supportEmail()));

  /** The name of the organisation's reseller, from the directory (through the cache). */
  const resellerName = (record: Assignment): ShownResellerName => {
    if (record.kind !== 'reseller') return { unknown: 'removed' };
    const found = lookupResellerName(services.scriptStore(), services.cache(), record.resellerId);
    if (found.found) return { name: found.name };
    return { unknown: found.unreadable ? 'unreadable' : 'removed' };
  };

  const status = (
    view: View,
    account: Organisation,
    record: Assignment,
    name = resellerName(record),
  ): CardModel => statusCard(view, account.domain, account.email, record, name);

  const recordProblem = (view: View, domain: string): CardModel => {
    console.error(`The record of ${domain} cannot be read; it is kept as it is until support looks at it`);
    return recordProblemCard(view, domain, support());
  };

  /**
   * The home card for this user: their organisation's answer, the question (unless they snoozed it),
   * or why neither applies. The user's own state is read only when the organisation has no answer.
   */
  const homeCard = (view: View, account: Account, ignoreSnooze = false): CardModel => {
    if (account.kind === 'hidden') return hiddenAccountCard(view, support());
    if (account.kind === 'personal') return personalAccountCard(view, account.email);
    const stored = readAssignment(services.scriptStore(), account.domain);
    if (stored.state === 'unreadable') return recordProblem(view, account.domain);
    // A reseller's staff (approved or suspended) see its customers, from the same read (src/ui/reseller/).
    const resellerRole = resellerRoleOf(stored, account.email);
    if (resellerRole) return resellerHomeCard(services, view, resellerRole);
    // An open or rejected reseller application of the user's, from the same read (src/ui/applicant/).
    const application = applicationSection(view, applicationRole(stored.roles, account.email));
    const withApplication = (card: CardModel): CardModel =>
      application ? { ...card, sections: [...card.sections, application] } : card;
    if (stored.state === 'ok') return withApplication(status(view, account, stored.record));
    if (!ignoreSnooze) {
      const state = readUserState(services.userStore());
      const now = services.now();
      const until = effectiveAskAgainAt(state, now);
      if (until !== undefined && until > now) {
        // Stored further out than one "Ask me later" reaches (a clock that was ahead, a forged
        // value): store the bound, so that the snooze really ends instead of moving with the days.
        // A few seconds beyond come from clocks that disagree, and are not worth a write.
        if ((state.askAgainAt ?? until) - until > SNOOZE_SLACK_MS)
          writeUserState(services.userStore(), { askAgainAt: until });
        return withApplication(laterCard(view, until));
      }
    }
    return withApplication(questionCard(view, account.domain));
  };

  /**
   * Runs an action for a user of a customer organisation. Anyone else gets their explanation card;
   * a forged event, or a `domain` parameter naming another organisation (a stale or tampered card),
   * changes nothing.
   */
  const forOrganisation = (
    e: AddonEvent | undefined,
    act: (req: Request, account: Organisation) => ActionResponseModel,
  ): ActionResponseModel => {
    const req = request(e);
    return guarded(req.view, support, () => {
      if (req.event.forged) return notify(req.view.t('error.staleCard'));
      const account = classifyAccount(services.email());
      if (account.kind !== 'organisation') {
        return { navigation: [{ popToRoot: true }, { update: homeCard(req.view, account) }] };
      }
      const claimed = req.event.parameter('domain');
      if (claimed !== undefined && claimed !== account.domain)
        return notify(req.view.t('error.wrongOrganisation'));
      return act(req, account);
    });
  };

  const index = (check: IndexCheck) => loadSearchIndex(services.scriptStore(), services.cache(), check);

  /** The search card again, with what the user typed and a problem to explain. */
  const searchAgain = (view: View, domain: string, query: string, message: string): CardModel =>
    searchCard(view, domain, cutToCodePoints(query, MAX_QUERY_LENGTH), { kind: 'problem', message }, support);

  /** The reseller a picked suggestion names, if the text is one of the current labels. */
  const pickedReseller = (view: View, raw: string, loaded: SegmentedIndex): Reseller | undefined => {
    if (raw.length > MAX_LABEL_LENGTH || raw.trim() === '') return undefined;
    return findSegmentedByLabel(loaded, raw, labelsIn(view)) ?? findSegmentedByLabel(loaded, raw);
  };

  const choiceResponse = (
    view: View,
    account: Organisation,
    result: Locked<CommitOutcome>,
    query: string,
    invitationCode?: string,
  ): ActionResponseModel => {
    switch (result.outcome) {
      case 'busy':
        return notify(view.t('error.busy'));
      case 'unreadable':
        return { navigation: [{ popToRoot: true }, { update: recordProblem(view, account.domain) }] };
      case 'directoryUnreadable':
        console.error(`The reseller directory cannot be read (${result.problem}); nothing was saved`);
        return notify(view.t('error.directoryUnreadable', { support: support() }));
      case 'unavailable':
        // Back to the search the confirm card came from, with the query kept and the reason shown.
        return {
          navigation: [
            { pop: true },
            { update: searchAgain(view, account.domain, query, view.t('error.resellerUnavailable')) },
          ],
        };
      case 'changed':
        return {
          navigation: [{ update: confirmCard(view, account.domain, result.reseller, query) }],
          notification: view.t('confirm.changed'),
        };
      case 'invitationInvalid':
        // The code expired (or went) while the confirm card was open: back to where it was entered.
        return {
          navigation: [{ pop: true }],
          notification: view.t(`invitation.problem.${result.problem}`, {
            code: invitationCode ? displayInvitationCode(invitationCode) : '',
            date: view.date(services.now()),
          }),
        };
      default: {
        const record = result.record;
        const name: ShownResellerName = result.reseller
          ? { name: result.reseller.name }
          : resellerName(record);
        return {
          navigation: [{ popToRoot: true }, { update: status(view, account, record, name) }],
          notification: view.t(choiceNoticeKey(result.outcome, record, account.email), {
            domain: account.domain,
            reseller: record.kind === 'reseller' ? resellerNameText(view, record.resellerId, name) : '',
            date: view.date(record.since),
          }),
          stateChanged: result.outcome === 'saved',
        };
      }
    }
  };

  return {
    homepage(e: AddonEvent | undefined): CardModel {
      const { view } = request(e);
      try {
        return homeCard(view, classifyAccount(services.email()));
      } catch (error) {
        if (error instanceof MissingScopesError) throw error;
        console.error('homepage failed', error);
        return messageCard(view, view.t('error.unexpected'));
      }
    },

    answerHasReseller: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => ({
        navigation: [{ push: searchCard(view, account.domain, '', { kind: 'none' }, support) }],
      })),

    answerDirect: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => {
        const result = commitChoice(services.scriptStore(), services.lock(), {
          domain: account.domain,
          actorEmail: account.email,
          choice: { kind: 'direct' },
          clock: services.now,
        });
        return choiceResponse(view, account, result, '');
      }),

    answerLater: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => {
        // A colleague may have answered since this card was shown: then there is nothing to snooze.
        const stored = readAssignment(services.scriptStore(), account.domain);
        if (stored.state === 'unreadable')
          return { navigation: [{ update: recordProblem(view, account.domain) }] };
        if (stored.state === 'ok') {
          return {
            navigation: [{ update: status(view, account, stored.record) }],
            notification: view.t(`later.alreadyAnswered.${setBy(stored.record, account.email)}` as const, {
              domain: account.domain,
            }),
          };
        }
        const state = askLater(services.now());
        writeUserState(services.userStore(), state);
        return { navigation: [{ update: laterCard(view, state.askAgainAt) }] };
      }),

    /** "Answer now" from the snoozed card: lifts the snooze, then the question (or a colleague's answer). */
    showQuestion: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => {
        clearUserState(services.userStore());
        return { navigation: [{ update: homeCard(view, account, true) }] };
      }),

    /** One typeahead keystroke: the cached index and nothing else. */
    suggestResellers(e: AddonEvent | undefined): string[] {
      try {
        const { event, view } = request(e);
        const check = validateSearchQuery(event.formValue(FIELDS.resellerQuery) ?? '');
        if (!check.ok) return [];
        const labelOf = labelsIn(view);
        return searchSegments(index('keystroke').index, check.query, RESULT_LIMIT).map((match) =>
          labelOf(match.reseller, match.duplicate),
        );
      } catch (error) {
        console.error('suggestions failed', error);
        return [];
      }
    },

    /**
     * The input's change action: a picked suggestion opens its confirm card at once. Anything else
     * (a half-typed word, the user leaving the field) does nothing by itself.
     */
    pickReseller: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        const raw = event.formValue(FIELDS.resellerQuery) ?? '';
        // Checked before the index is loaded: blurring a half-typed or huge text costs nothing.
        if (raw.length > MAX_LABEL_LENGTH || (!validateSearchQuery(raw).ok && raw.length <= MAX_QUERY_LENGTH))
          return { navigation: [] };
        const picked = pickedReseller(view, raw, index('choose').index);
        if (!picked) return { navigation: [] };
        return { navigation: [{ push: confirmCard(view, account.domain, picked, picked.name) }] };
      }),

    searchResellers: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        const { domain } = account;
        const raw = event.formValue(FIELDS.resellerQuery) ?? '';
        const check = validateSearchQuery(raw);
        // A suggestion picked from the typeahead names exactly one reseller: go straight to confirming
        // it. It may be longer than anything one would type.
        const mayBeLabel = check.ok || (check.problem === 'tooLong' && raw.length <= MAX_LABEL_LENGTH);
        const loaded = mayBeLabel ? index('search') : undefined;
        const picked = loaded && pickedReseller(view, raw, loaded.index);
        if (picked) return { navigation: [{ push: confirmCard(view, domain, picked, picked.name) }] };
        if (!check.ok || !loaded) {
          const problem = check.ok ? 'empty' : check.problem;
          const message = view.t(`search.problem.${problem}` as const, {
            min: MIN_QUERY_LENGTH,
            max: MAX_QUERY_LENGTH,
          });
          return { navigation: [{ update: searchAgain(view, domain, raw, message) }] };
        }
        const matches = searchSegments(loaded.index, check.query, RESULT_LIMIT + 1);
        const outcome: SearchOutcome =
          loaded.health === 'unavailable'
            ? { kind: 'unavailable' }
            : {
                kind: 'results',
                query: check.query,
                matches: matches.slice(0, RESULT_LIMIT),
                capped: matches.length > RESULT_LIMIT,
              };
        return { navigation: [{ update: searchCard(view, domain, check.query, outcome, support) }] };
      }),

    /** "Choose" on a search result: checked against the directory, the source of truth. */
    chooseReseller: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        const query = event.parameter('query') ?? '';
        const lookup = findInDirectory(services.scriptStore(), event.parameter('resellerId') ?? '');
        if (!lookup.ok) {
          console.error(`The reseller directory cannot be read (${lookup.problem})`);
          return notify(view.t('error.directoryUnreadable', { support: support() }));
        }
        const reseller = lookup.reseller;
        if (!reseller || reseller.status !== 'approved') {
          return {
            navigation: [
              { update: searchAgain(view, account.domain, query, view.t('error.resellerUnavailable')) },
            ],
          };
        }
        return { navigation: [{ push: confirmCard(view, account.domain, reseller, query) }] };
      }),

    confirmReseller: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        const resellerId = event.parameter('resellerId');
        const query = event.parameter('query') ?? '';
        if (resellerId === undefined) return notify(view.t('error.staleCard'));
        const shownName = event.parameter('name');
        // An invitation code pre-selected the reseller: checked again under the lock (invitation source).
        const typedCode = event.parameter('invitation');
        const invitation = typedCode === undefined ? undefined : normaliseInvitationCode(typedCode);
        if (invitation === null) return notify(view.t('error.staleCard'));
        const result = commitChoice(services.scriptStore(), services.lock(), {
          domain: account.domain,
          actorEmail: account.email,
          choice: {
            kind: 'reseller',
            resellerId,
            ...(shownName === undefined ? {} : { shownName }),
            ...(invitation === undefined ? {} : { invitation }),
          },
          clock: services.now,
          cache: services.cache(),
        });
        return choiceResponse(view, account, result, query, invitation);
      }),

    /**
     * "Use code" on the question or search card: a valid code opens its reseller's confirm card
     * (the user still confirms). One read for the code, the cached index for the reseller.
     */
    useInvitation: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        const typed = event.formValue(FIELDS.invitationCode) ?? '';
        const onSearch = event.parameter('card') === SEARCH_CARD;
        const again = (problem: Html): ActionResponseModel => {
          const entry = { code: cutToCodePoints(typed, 40), problem };
          const query = cutToCodePoints(event.formValue(FIELDS.resellerQuery) ?? '', MAX_QUERY_LENGTH);
          const card = onSearch
            ? searchCard(view, account.domain, query, { kind: 'none' }, support, entry)
            : questionCard(view, account.domain, entry);
          return { navigation: [{ update: card }] };
        };
        const lookup = lookupInvitation(services.scriptStore(), typed, services.now());
        if (lookup.outcome === 'malformed') return again(escapeHtml(view.t('invitation.problem.malformed')));
        if (lookup.outcome === 'unknown')
          return again(escapeHtml(view.t('invitation.problem.unknown', { code: displayTyped(typed) })));
        const code = displayInvitationCode(lookup.invitation.code);
        if (lookup.outcome === 'expired')
          return again(
            escapeHtml(
              view.t('invitation.problem.expired', { code, date: view.date(lookup.invitation.expiresAt) }),
            ),
          );
        // The index holds approved resellers only: a suspended or removed one is not in it.
        const reseller = findSegmentedById(index('search').index, lookup.invitation.resellerId);
        if (!reseller) return again(escapeHtml(view.t('invitation.problem.unavailable', { code })));
        return {
          navigation: [{ push: confirmCard(view, account.domain, reseller, '', lookup.invitation.code) }],
        };
      }),

    goBack: (): ActionResponseModel => ({ navigation: [{ pop: true }] }),

    showChangeRequest: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => ({
        navigation: [{ push: changeRequestCard(view, account.domain) }],
      })),

    submitChangeRequest: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        const raw = event.formValue(FIELDS.changeReason);
        const check = checkChangeReason(raw);
        if (!check.ok) {
          const problem = view.t(`change.problem.${check.problem}` as const, {
            min: CHANGE_REASON_MIN_CHARS,
            max: CHANGE_REASON_MAX_CHARS,
          });
          // Kept a little past the limit, so that the user sees what to shorten.
          const kept = cutToCodePoints(raw ?? '', CHANGE_REASON_MAX_CHARS * 2);
          return { navigation: [{ update: changeRequestCard(view, account.domain, kept, problem) }] };
        }
        const result = recordChangeRequest(services.scriptStore(), services.lock(), {
          domain: account.domain,
          actorEmail: account.email,
          reason: check.reason,
          clock: services.now,
        });
        if (result.outcome === 'busy') return notify(view.t('error.busy'));
        if (result.outcome === 'unreadable') {
          return { navigation: [{ popToRoot: true }, { update: recordProblem(view, account.domain) }] };
        }
        const home = result.record
          ? status(view, account, result.record)
          : questionCard(view, account.domain);
        const notification =
          result.outcome === 'recorded'
            ? view.t('change.sent')
            : result.outcome === 'alreadyPending'
              ? view.t('change.alreadyPending', { date: view.date(result.record.changeRequestedAt ?? NaN) })
              : view.t('change.noReseller', { domain: account.domain });
        return {
          navigation: [{ popToRoot: true }, { update: home }],
          notification,
          stateChanged: result.outcome === 'recorded',
        };
      }),
  };
}

export type Flow = ReturnType<typeof createFlow>;

/** Turns failures into a message in the user's language. Every write is all-or-nothing, so nothing changed. */
function guarded(view: View, support: () => string, act: () => ActionResponseModel): ActionResponseModel {
  try {
    return act();
  } catch (error) {
    // The entry point answers a missing permission with its own card.
    if (error instanceof MissingScopesError) throw error;
    if (error instanceof StoreFullError)
      return { navigation: [], notification: view.t('error.storeFull', { support: support() }) };
    if (error instanceof DamagedSequenceError) {
      console.error('The commit sequence cannot be read; nothing was saved', error.raw);
      return { navigation: [], notification: view.t('error.storeDamaged', { support: support() }) };
    }
    if (error instanceof UnencodableRecordError) console.error('A record could not be encoded', error);
    else console.error('action failed', error);
    return { navigation: [], notification: view.t('error.unexpected') };
  }
}

function choiceNoticeKey(
  outcome: 'saved' | 'unchanged' | 'alreadyBound',
  record: Assignment,
  viewerEmail: string,
): MessageKey {
  if (outcome === 'saved') return record.kind === 'reseller' ? 'notice.saved' : 'notice.direct';
  if (outcome === 'unchanged')
    return record.kind === 'reseller' ? 'notice.unchanged' : 'notice.directUnchanged';
  const who = setBy(record, viewerEmail);
  return who === 'you'
    ? 'notice.alreadyBoundByYou'
    : who === 'support'
      ? 'notice.alreadyBoundBySupport'
      : 'notice.alreadyBound';
}

/** What the user typed, as a code is shown (kept short: it goes into a message). */
function displayTyped(typed: string): string {
  const code = typed.replace(/[\s-]/g, '').toUpperCase().slice(0, 8);
  return code.length === 8 ? displayInvitationCode(code) : code;
}
