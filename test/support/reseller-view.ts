/** Shared set-up of the reseller's view tests and bench rows: roles, many customers, bytes read. */
import type { LocalRuntime } from '../../dev/runtime/runtime';
import { encodeAssignment, resellerAssignment, supportAssignment } from '../../src/domain/assignment';
import { encodeRolesOnly, type DomainRole } from '../../src/domain/organisation';
import { storeOf } from './addon';

/** Gives `member` (a domain, or one address of `domain`) a role, as the sync writes it. */
export function giveRole(runtime: LocalRuntime, domain: string, roles: DomainRole[]): void {
  storeOf(runtime).setAll({ [`d:${domain}`]: encodeRolesOnly(roles) });
}

/**
 * `count` customer organisations of `resellerId` (every 10th set by support, every 7th with a
 * change request waiting), written as records straight into the add-on's store.
 */
export function addCustomers(
  runtime: LocalRuntime,
  resellerId: string,
  count: number,
  prefix: string,
  now: number,
): void {
  const values: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const domain = `${prefix}-${i}.example`;
    const since = now - (i + 1) * 60_000;
    const base =
      i % 10 === 0
        ? supportAssignment(resellerId, 'sam@resellerconnect.example', since)
        : resellerAssignment(resellerId, `user@${domain}`, since);
    values[`d:${domain}`] = encodeAssignment(
      i % 7 === 0 ? { ...base, changeRequestedAt: since + 1000 } : base,
    );
  }
  storeOf(runtime).setAll(values);
}

export { bytesRead } from '../../dev/runtime/bytes-read';
