/**
 * The reseller's room: what its staff see and do. A user is a reseller's staff when their
 * organisation's stored text (the one read every homepage makes) carries an approved or suspended
 * role for their address or their domain; the reseller is always that role's, never a parameter,
 * so a forged call, a removed contact or a customer sees nothing of any reseller's customers.
 *
 * Service calls: the homepage reads the email and the record (the customer flow's two), then the
 * cached customer list (one Cache.getAll); a miss adds one Script Properties read and one cache
 * write. A suspended reseller's card also names support (one read).
 */
import { classifyAccount } from '../../domain/account';
import { rolesOf, type DomainRole } from '../../domain/organisation';
import { MAX_OPEN_INVITATIONS } from '../../domain/invitation';
import { MissingScopesError } from '../../domain/scopes';
import { claimResellerRole } from '../../store/programme';
import { readAssignment, type RecordState } from '../../store/assignments';
import { StoreFullError } from '../../store/errors';
import { createInvitation } from '../../store/invitations';
import type { Cache, KeyValueStore, ScriptLock } from '../../store/ports';
import { loadResellerCustomers } from '../../store/reseller-customers';
import { supportAddressIn } from '../../store/support-address';
import type { ActionResponseModel, CardModel } from '../../cards/card-model';
import { readEvent, type AddonEvent } from '../event';
import { createView, type View } from '../view';
import { invitationCard, resellerCard, resellerName } from './cards';

export interface ResellerServices {
  email(): string;
  now(): number;
  scriptStore(): KeyValueStore;
  cache(): Cache;
  lock(): ScriptLock;
  /** Where resellers write to support (deployment configuration, unless the Settings tab names one). */
  supportEmail(): string;
}

/** A role that opens the reseller's room: its reseller is approved or suspended. */
export type ResellerRole = DomainRole & { status: 'approved' | 'suspended' };

/**
 * The user's reseller role, if they have one that opens the room. A role for their own address
 * comes before one for their whole domain; an approved one before a suspended one.
 */
export function resellerRoleOf(stored: RecordState, email: string): ResellerRole | undefined {
  if (stored.state === 'unreadable') return undefined;
  const address = email.trim().toLowerCase();
  const candidates = rolesOf(stored.roles, address).filter(
    (r): r is ResellerRole => r.resellerId !== '' && (r.status === 'approved' || r.status === 'suspended'),
  );
  const rank = (r: ResellerRole): number =>
    (r.member === address ? 0 : 2) + (r.status === 'approved' ? 0 : 1);
  return candidates.sort((a, b) => rank(a) - rank(b))[0];
}

/** The reseller's homepage for `role` (page 0 unless told), from the cached list. */
export function resellerHomeCard(
  services: ResellerServices,
  view: View,
  role: ResellerRole,
  options: { page?: number; refresh?: boolean } = {},
): CardModel {
  const store = services.scriptStore();
  const now = services.now();
  const { list } = loadResellerCustomers(store, services.cache(), role.resellerId, now, {
    refresh: options.refresh === true,
  });
  return resellerCard(view, {
    list,
    status: role.status,
    page: options.page ?? 0,
    now,
    supportEmail: () => supportAddressIn(store, services.supportEmail()),
  });
}

export function createResellerFlow(
  services: ResellerServices & {
    /** The homepage of anyone who is no reseller's staff (or no longer is). */
    customerHome(e: AddonEvent | undefined): CardModel;
  },
) {
  const notify = (text: string): ActionResponseModel => ({ navigation: [], notification: text });

  /**
   * Runs an action of the room for the signed-in user's own role. Anyone without one gets their own
   * homepage and nothing else; no parameter can name the reseller.
   */
  const forReseller = (
    e: AddonEvent | undefined,
    act: (
      view: View,
      role: ResellerRole,
      parameter: (name: string) => string | undefined,
    ) => ActionResponseModel,
  ): ActionResponseModel => {
    const event = readEvent(e);
    const view = createView(event.language, event.timeZone);
    try {
      if (event.forged) return notify(view.t('error.staleCard'));
      const account = classifyAccount(services.email());
      const role =
        account.kind === 'organisation'
          ? resellerRoleOf(readAssignment(services.scriptStore(), account.domain), account.email)
          : undefined;
      if (!role) return { navigation: [{ popToRoot: true }, { update: services.customerHome(e) }] };
      return act(view, role, (name) => event.parameter(name));
    } catch (error) {
      if (error instanceof MissingScopesError) throw error;
      if (error instanceof StoreFullError)
        return notify(
          view.t('error.storeFull', {
            support: supportAddressIn(services.scriptStore(), services.supportEmail()),
          }),
        );
      console.error('reseller action failed', error);
      return notify(view.t('error.unexpected'));
    }
  };

  return {
    /**
     * "Open my reseller view": the directory says whether the user's domain or address belongs to
     * a reseller; the role is kept with their domain from then on (store/programme.ts).
     */
    claim: (e: AddonEvent | undefined): ActionResponseModel => {
      const event = readEvent(e);
      const view = createView(event.language, event.timeZone);
      const support = (): string => supportAddressIn(services.scriptStore(), services.supportEmail());
      try {
        if (event.forged) return notify(view.t('error.staleCard'));
        const account = classifyAccount(services.email());
        if (account.kind !== 'organisation')
          return notify(view.t('reseller.claim.none', { email: services.email(), support: support() }));
        const result = claimResellerRole(services.scriptStore(), services.lock(), account.email);
        if (result.outcome === 'none')
          return notify(view.t('reseller.claim.none', { email: account.email, support: support() }));
        if (result.outcome !== 'claimed') return notify(view.t('error.unexpected'));
        const role = resellerRoleOf(readAssignment(services.scriptStore(), account.domain), account.email);
        if (!role) return notify(view.t('error.unexpected'));
        return {
          navigation: [{ popToRoot: true }, { update: resellerHomeCard(services, view, role) }],
          notification: view.t('reseller.claim.done'),
          stateChanged: true,
        };
      } catch (error) {
        if (error instanceof MissingScopesError) throw error;
        if (error instanceof StoreFullError) return notify(view.t('error.storeFull', { support: support() }));
        console.error('claiming a reseller role failed', error);
        return notify(view.t('error.unexpected'));
      }
    },

    /** "Refresh list": read the store again, whatever the cache holds. */
    refresh: (e: AddonEvent | undefined): ActionResponseModel =>
      forReseller(e, (view, role) => ({
        navigation: [{ update: resellerHomeCard(services, view, role, { refresh: true }) }],
      })),

    /** Another page of the list (the page number is only a position; it names nobody). */
    page: (e: AddonEvent | undefined): ActionResponseModel =>
      forReseller(e, (view, role, parameter) => {
        const page = Number(parameter('page') ?? '0');
        return {
          navigation: [
            { update: resellerHomeCard(services, view, role, { page: Number.isFinite(page) ? page : 0 }) },
          ],
        };
      }),

    /** "Invite a customer": a new code, and a mail text with it. Not while suspended. */
    invite: (e: AddonEvent | undefined): ActionResponseModel =>
      forReseller(e, (view, role) => {
        const store = services.scriptStore();
        const now = services.now();
        const { list } = loadResellerCustomers(store, services.cache(), role.resellerId, now);
        const name = resellerName(view, list);
        if (role.status !== 'approved') return notify(view.t('invite.suspended', { reseller: name }));
        const created = createInvitation(store, {
          resellerId: role.resellerId,
          createdBy: services.email(),
          now,
        });
        if (created.outcome === 'tooMany')
          return notify(
            view.t('invite.tooMany', { max: MAX_OPEN_INVITATIONS, date: view.date(created.nextExpiry) }),
          );
        return {
          navigation: [{ push: invitationCard(view, name, created.invitation) }],
          notification: view.t('invite.created'),
        };
      }),
  };
}

export type ResellerFlow = ReturnType<typeof createResellerFlow>;
