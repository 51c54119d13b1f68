/**
 * The customer's reseller flow: what each entry point does, as card models and responses. Apps
 * Script services arrive through `Services`, so this module names no Apps Script global.
 *
 * Service calls are budgeted per action (see bench/): the homepage reads the user's email, the
 * organisation's record and, only if there is none, the user's own state; a typeahead keystroke
 * reads only the cached index.
 */
import { classifyAccount, type Account } from '../domain/account';
import {
  directAssignment,
  resellerAssignment,
  setBy,
  type Assignment,
  type ChoiceOutcome,
} from '../domain/assignment';
import {
  checkChangeReason,
  CHANGE_REASON_MAX_CHARS,
  CHANGE_REASON_MIN_CHARS,
} from '../domain/change-request';
import { validateSearchQuery, MAX_QUERY_LENGTH, MIN_QUERY_LENGTH } from '../domain/search';
import { findSegmentedById, findSegmentedByLabel, searchSegments } from '../domain/segmented-search';
import { askLater, isSnoozed } from '../domain/user-state';
import { commitChoice, readAssignment, recordChangeRequest } from '../store/assignments';
import { loadSearchIndex } from '../store/directory';
import { StoreFullError } from '../store/errors';
import type { Cache, KeyValueStore, ScriptLock } from '../store/ports';
import { readUserState, writeUserState } from '../store/user-state';
import { FIELDS } from './actions';
import type { ActionResponseModel, CardModel } from './card-model';
import { readEvent, type AddonEvent, type EventView } from './event';
import type { MessageKey } from './i18n';
import { hiddenAccountCard, personalAccountCard } from './screens/account';
import { changeRequestCard } from './screens/change-request';
import { confirmCard } from './screens/confirm';
import { laterCard } from './screens/later';
import { messageCard } from './screens/message';
import { questionCard } from './screens/question';
import { searchCard, type SearchOutcome } from './screens/search';
import { statusCard } from './screens/status';
import { createView, type View } from './screens/view';

export interface Services {
  email(): string;
  now(): number;
  scriptStore(): KeyValueStore;
  userStore(): KeyValueStore;
  cache(): Cache;
  lock(): ScriptLock;
}

/** The most results a search or a typeahead shows. */
export const RESULT_LIMIT = 10;

type Organisation = Extract<Account, { kind: 'organisation' }>;

interface Request {
  event: EventView;
  view: View;
}

export function createFlow(services: Services) {
  const request = (e: AddonEvent | undefined): Request => {
    const event = readEvent(e);
    return { event, view: createView(event.language, event.utcOffsetMs) };
  };

  const notify = (text: string): ActionResponseModel => ({ navigation: [], notification: text });

  /**
   * The home card for this user: their organisation's answer, the question (unless they snoozed it),
   * or why neither applies. The user's own state is read only when the organisation has no answer.
   */
  const homeCard = (view: View, account: Account, ignoreSnooze = false): CardModel => {
    if (account.kind === 'hidden') return hiddenAccountCard(view);
    if (account.kind === 'personal') return personalAccountCard(view, account.email);
    const assignment = readAssignment(services.scriptStore(), account.domain);
    if (assignment) return statusCard(view, account.domain, account.email, assignment);
    if (!ignoreSnooze) {
      const { askAgainAt } = readUserState(services.userStore());
      if (askAgainAt !== undefined && isSnoozed({ askAgainAt }, services.now()))
        return laterCard(view, askAgainAt);
    }
    return questionCard(view, account.domain);
  };

  /**
   * Runs an action for a user of a customer organisation. Anyone else gets their explanation card;
   * a `domain` parameter naming another organisation (a stale or tampered card) changes nothing.
   */
  const forOrganisation = (
    e: AddonEvent | undefined,
    act: (req: Request, account: Organisation) => ActionResponseModel,
  ): ActionResponseModel => {
    const req = request(e);
    return guarded(req.view, () => {
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

  const choiceResponse = (
    view: View,
    account: Organisation,
    result: ChoiceOutcome | { outcome: 'busy' },
  ): ActionResponseModel => {
    if (result.outcome === 'busy') return notify(view.t('error.busy'));
    const home = {
      navigation: [
        { popToRoot: true as const },
        { update: statusCard(view, account.domain, account.email, result.record) },
      ],
    };
    return {
      ...home,
      notification: choiceNotice(view, account, result),
      stateChanged: result.outcome === 'saved',
    };
  };

  return {
    homepage(e: AddonEvent | undefined): CardModel {
      const { view } = request(e);
      try {
        return homeCard(view, classifyAccount(services.email()));
      } catch (error) {
        console.error('homepage failed', error);
        return messageCard(view, view.t('error.unexpected'));
      }
    },

    answerHasReseller: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => ({
        navigation: [{ push: searchCard(view, account.domain, '', { kind: 'none' }) }],
      })),

    answerDirect: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => {
        const now = services.now();
        const result = commitChoice(services.scriptStore(), services.lock(), {
          domain: account.domain,
          actorEmail: account.email,
          proposed: directAssignment(account.email, now),
          now,
        });
        return choiceResponse(view, account, result);
      }),

    answerLater: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => {
        // A colleague may have answered since this card was shown: then there is nothing to snooze.
        const assignment = readAssignment(services.scriptStore(), account.domain);
        if (assignment) {
          return { navigation: [{ update: statusCard(view, account.domain, account.email, assignment) }] };
        }
        const state = askLater(services.now());
        writeUserState(services.userStore(), state);
        return { navigation: [{ update: laterCard(view, state.askAgainAt) }] };
      }),

    /** "Answer now" from the snoozed card: the question, unless a colleague has answered meanwhile. */
    showQuestion: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view }, account) => ({
        navigation: [{ update: homeCard(view, account, true) }],
      })),

    /** One typeahead keystroke: the cached index and nothing else. */
    suggestResellers(e: AddonEvent | undefined): string[] {
      const check = validateSearchQuery(readEvent(e).formValue(FIELDS.resellerQuery) ?? '');
      if (!check.ok) return [];
      try {
        const index = loadSearchIndex(services.scriptStore(), services.cache());
        return searchSegments(index, check.query, RESULT_LIMIT).map((match) => match.label);
      } catch (error) {
        console.error('suggestions failed', error);
        return [];
      }
    },

    searchResellers: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        const { domain } = account;
        const raw = event.formValue(FIELDS.resellerQuery) ?? '';
        const check = validateSearchQuery(raw);
        if (!check.ok && check.problem === 'tooLong') {
          // A picked suggestion ("name — domain (CC)") may be longer than anything one would type.
          const picked = findSegmentedByLabel(loadSearchIndex(services.scriptStore(), services.cache()), raw);
          if (picked) return { navigation: [{ push: confirmCard(view, domain, picked) }] };
        }
        if (!check.ok) {
          const message = view.t(`search.problem.${check.problem}` as const, {
            min: MIN_QUERY_LENGTH,
            max: MAX_QUERY_LENGTH,
          });
          const kept = raw.slice(0, MAX_QUERY_LENGTH);
          return { navigation: [{ update: searchCard(view, domain, kept, { kind: 'problem', message }) }] };
        }
        const index = loadSearchIndex(services.scriptStore(), services.cache());
        // A suggestion picked from the typeahead names exactly one reseller: go straight to confirming it.
        const picked = findSegmentedByLabel(index, check.query);
        if (picked) return { navigation: [{ push: confirmCard(view, domain, picked) }] };
        const matches = searchSegments(index, check.query, RESULT_LIMIT + 1);
        const outcome: SearchOutcome = {
          kind: 'results',
          query: check.query,
          matches: matches.slice(0, RESULT_LIMIT),
          capped: matches.length > RESULT_LIMIT,
        };
        return { navigation: [{ update: searchCard(view, domain, check.query, outcome) }] };
      }),

    chooseReseller: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        const index = loadSearchIndex(services.scriptStore(), services.cache(), { current: true });
        const reseller = findSegmentedById(index, event.parameter('resellerId') ?? '');
        if (!reseller) return notify(view.t('error.resellerUnavailable'));
        return { navigation: [{ push: confirmCard(view, account.domain, reseller) }] };
      }),

    confirmReseller: (e: AddonEvent | undefined): ActionResponseModel =>
      forOrganisation(e, ({ view, event }, account) => {
        // The index holds approved resellers only: an unknown or unapproved id stops here. It must be
        // the directory's current version, so that a reseller suspended a moment ago cannot be saved.
        const index = loadSearchIndex(services.scriptStore(), services.cache(), { current: true });
        const reseller = findSegmentedById(index, event.parameter('resellerId') ?? '');
        if (!reseller) return notify(view.t('error.resellerUnavailable'));
        const now = services.now();
        const result = commitChoice(services.scriptStore(), services.lock(), {
          domain: account.domain,
          actorEmail: account.email,
          proposed: resellerAssignment(reseller, account.email, now),
          now,
        });
        return choiceResponse(view, account, result);
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
          const kept = (raw ?? '').slice(0, CHANGE_REASON_MAX_CHARS * 2);
          return { navigation: [{ update: changeRequestCard(view, account.domain, kept, problem) }] };
        }
        const now = services.now();
        const result = recordChangeRequest(services.scriptStore(), services.lock(), {
          domain: account.domain,
          actorEmail: account.email,
          reason: check.reason,
          now,
        });
        if (result.outcome === 'busy') return notify(view.t('error.busy'));
        const home = result.record
          ? statusCard(view, account.domain, account.email, result.record)
          : questionCard(view, account.domain);
        const notification =
          result.outcome === 'recorded'
            ? view.t('change.sent')
            : result.outcome === 'alreadyPending'
              ? view.t('change.alreadyPending', { date: view.date(result.record.changeRequestedAt ?? now) })
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
function guarded(view: View, act: () => ActionResponseModel): ActionResponseModel {
  try {
    return act();
  } catch (error) {
    if (error instanceof StoreFullError) return { navigation: [], notification: view.t('error.storeFull') };
    console.error('action failed', error);
    return { navigation: [], notification: view.t('error.unexpected') };
  }
}

function choiceNotice(view: View, account: Organisation, result: ChoiceOutcome): string {
  const record: Assignment = result.record;
  const reseller = record.kind === 'reseller' ? record.resellerName : '';
  return view.t(choiceNoticeKey(result, record, account.email), { domain: account.domain, reseller });
}

function choiceNoticeKey(result: ChoiceOutcome, record: Assignment, viewerEmail: string): MessageKey {
  if (result.outcome === 'saved') return record.kind === 'reseller' ? 'notice.saved' : 'notice.direct';
  if (result.outcome === 'unchanged')
    return record.kind === 'reseller' ? 'notice.unchanged' : 'notice.directUnchanged';
  const who = setBy(record, viewerEmail);
  return who === 'you'
    ? 'notice.alreadyBoundByYou'
    : who === 'support'
      ? 'notice.alreadyBoundBySupport'
      : 'notice.alreadyBound';
}
