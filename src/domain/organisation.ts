/**
 * An organisation can own more than one domain: secondary domains and subdomains that support
 * links to it. The answer is kept once, under the organisation's primary domain; every linked
 * domain keeps a copy of the primary's whole stored text. So a user of a linked domain is answered
 * by the one read every user's homepage makes (its budget), and a change from any of the domains
 * rewrites the primary and every copy in one setProperties call, which keeps them equal.
 *
 *   primary, nothing linked:   the assignment record (assignment.ts)
 *   primary with links:        "L" check "\t" linked domains, space-separated, sorted "\n" record
 *   linked domain:             ">" check "\t" primary domain "\n" the primary's stored text
 *   with reseller roles:       "P" check "\t" roles, space-separated "\n" any of the above, or
 *                              nothing for a domain that is no customer
 *
 * Roles say which users of the organisation's domains belong to a reseller (its domain, or a
 * contact's address) and in which status: the homepage learns from the same one read that a user is
 * a reseller's staff or an applicant. The sync writes them from the directory; an application writes
 * its own at once. A role is kept with the organisation's primary text, so every copy carries it and
 * each names whom it is for.
 *
 * `check` is two base-36 digits of a hash of what follows the tab, as in the record itself, so a
 * copy cut short or edited by hand reads as damaged rather than as another organisation.
 */
import { decodeAssignment, encodeAssignment, UnencodableRecordError, type Assignment } from './assignment';
import { RESELLER_STATUSES, type ResellerStatus } from './reseller';
import { fnvFinish, fnvStart, fnvUpdate } from './hash';
import { DOMAIN_RE } from './syntax';

export interface StoredOrganisation {
  /** The primary domain: where the record is kept, and what the Sheet's Assignments row names. */
  organisation: string;
  record: Assignment;
  /** Linked domains, sorted; never the primary itself. */
  links: string[];
  /** Reseller roles of the organisation's people (absent: none). */
  roles?: readonly DomainRole[];
}

/** Someone of a domain belongs to a reseller, or applied to become one. */
export interface DomainRole {
  /** '' for an application the sync has not given an id yet. */
  resellerId: string;
  status: ResellerStatus;
  /** A domain (all its users) or one email address, lower case. */
  member: string;
}

const ROLE_CODES: Record<ResellerStatus, string> = {
  applied: 'a',
  agreement_sent: 's',
  agreement_signed: 'g',
  approved: 'A',
  rejected: 'r',
  suspended: 'x',
};
const ROLE_BY_CODE = new Map<string, ResellerStatus>(RESELLER_STATUSES.map((s) => [ROLE_CODES[s], s]));
const ROLE_ID = /^[A-Za-z0-9._-]{1,64}$/;

function encodeRoles(roles: readonly DomainRole[]): string {
  return roles
    .map((r) => {
      if ((r.resellerId !== '' && !ROLE_ID.test(r.resellerId)) || /[\s:]/.test(r.member) || r.member === '')
        throw new UnencodableRecordError('bad reseller role');
      return `${r.resellerId || '-'}:${ROLE_CODES[r.status]}:${r.member}`;
    })
    .join(' ');
}

function decodeRoles(text: string): DomainRole[] | null {
  const roles: DomainRole[] = [];
  for (const entry of text.split(' ')) {
    const [id = '', code = '', member = '', ...rest] = entry.split(':');
    const status = ROLE_BY_CODE.get(code);
    if (rest.length > 0 || !status || member === '' || (id !== '-' && !ROLE_ID.test(id))) return null;
    roles.push({ resellerId: id === '-' ? '' : id, status, member });
  }
  return roles;
}

/** The roles that apply to one user: their own address, or their domain as a whole. */
export function rolesOf(roles: readonly DomainRole[] | undefined, email: string): DomainRole[] {
  const address = email.toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return (roles ?? []).filter((r) => r.member === address || r.member === domain);
}

/**
 * What a domain whose link support removed keeps until the sync's next drain tidies it away: it
 * has no answer of its own. (Written in the same call as its organisation's new texts, so that a
 * stop in between cannot leave a copy behind that looks linked.)
 */
export const NO_RECORD_TEXT = '-';

/** More than this many domains per organisation is a merger for support to handle by hand. */
export const MAX_LINKED_DOMAINS = 20;

const CHECK_SPACE = 36 * 36;

function check(text: string): string {
  return (fnvFinish(fnvUpdate(fnvStart(), text)) % CHECK_SPACE).toString(36).padStart(2, '0');
}

function sortedLinks(links: readonly string[]): string[] {
  return [...new Set(links)].sort();
}

/** The stored text of the primary domain. Throws rather than store what would not read back. */
export function encodePrimary(organisation: StoredOrganisation): string {
  return withRoles(organisation.roles, encodeRecordAndLinks(organisation));
}

/** The text of a domain that has reseller roles and no answer of its own. */
export function encodeRolesOnly(roles: readonly DomainRole[]): string {
  if (roles.length === 0) throw new UnencodableRecordError('no roles');
  return withRoles(roles, '');
}

function withRoles(roles: readonly DomainRole[] | undefined, rest: string): string {
  if (!roles || roles.length === 0) return rest;
  const body = `${encodeRoles(roles)}\n${rest}`;
  return `P${check(body)}\t${body}`;
}

function encodeRecordAndLinks(organisation: StoredOrganisation): string {
  const record = encodeAssignment(organisation.record);
  const links = sortedLinks(organisation.links);
  if (links.length === 0) return record;
  if (links.length > MAX_LINKED_DOMAINS) throw new UnencodableRecordError('too many linked domains');
  if (links.some((d) => !DOMAIN_RE.test(d) || d === organisation.organisation))
    throw new UnencodableRecordError('bad linked domain');
  const rest = `${links.join(' ')}\n${record}`;
  return `L${check(rest)}\t${rest}`;
}

/** Every stored text of the organisation, by domain: the primary's and each linked domain's copy. */
export function organisationTexts(organisation: StoredOrganisation): Map<string, string> {
  const primary = encodePrimary(organisation);
  const texts = new Map([[organisation.organisation, primary]]);
  for (const domain of sortedLinks(organisation.links)) {
    const rest = `${organisation.organisation}\n${primary}`;
    texts.set(domain, `>${check(rest)}\t${rest}`);
  }
  return texts;
}

/** The text stored under a domain, or null when it is damaged or holds no answer (roles only). */
export function decodeOrganisation(domain: string, text: string): StoredOrganisation | null {
  return decodeDomainText(domain, text)?.organisation ?? null;
}

/**
 * Everything a domain's text says: its organisation (null when it has no answer, only roles) and
 * the roles that come with it; null when the text is damaged.
 */
export function decodeDomainText(
  domain: string,
  text: string,
): { organisation: StoredOrganisation | null; roles: DomainRole[] } | null {
  if (text.startsWith('P')) {
    const [head, body] = splitHead(text);
    if (body === undefined || head !== `P${check(body)}`) return null;
    const newline = body.indexOf('\n');
    if (newline < 0) return null;
    const roles = decodeRoles(body.slice(0, newline));
    const rest = body.slice(newline + 1);
    if (!roles) return null;
    if (rest === '') return { organisation: null, roles };
    // A copy carries its primary's roles inside, never its own.
    if (rest.startsWith('>') || rest.startsWith('P')) return null;
    const organisation = decodePlain(domain, rest);
    return organisation ? { organisation: { ...organisation, roles }, roles } : null;
  }
  const organisation = decodePlain(domain, text);
  return organisation ? { organisation, roles: [...(organisation.roles ?? [])] } : null;
}

function decodePlain(domain: string, text: string): StoredOrganisation | null {
  if (text.startsWith('>')) {
    const [head, rest] = splitHead(text);
    if (rest === undefined || head !== `>${check(rest)}`) return null;
    const newline = rest.indexOf('\n');
    const primaryDomain = rest.slice(0, newline);
    if (newline < 0 || primaryDomain === domain || !DOMAIN_RE.test(primaryDomain)) return null;
    const embedded = decodeDomainText(primaryDomain, rest.slice(newline + 1));
    const primary = embedded?.organisation;
    // A copy that its primary does not list is left over from damage, not a link.
    return primary && primary.links.includes(domain) && !rest.slice(newline + 1).startsWith('>')
      ? primary
      : null;
  }
  return decodePrimary(domain, text);
}

function decodePrimary(domain: string, text: string): StoredOrganisation | null {
  if (!text.startsWith('L')) {
    const record = decodeAssignment(text);
    return record ? { organisation: domain, record, links: [] } : null;
  }
  const [head, rest] = splitHead(text);
  if (rest === undefined || head !== `L${check(rest)}`) return null;
  const newline = rest.indexOf('\n');
  if (newline < 0) return null;
  const links = rest.slice(0, newline).split(' ');
  const record = decodeAssignment(rest.slice(newline + 1));
  if (!record || links.length > MAX_LINKED_DOMAINS) return null;
  if (links.some((d) => !DOMAIN_RE.test(d) || d === domain)) return null;
  if (links.join(' ') !== sortedLinks(links).join(' ')) return null;
  return { organisation: domain, record, links };
}

function splitHead(text: string): [string, string | undefined] {
  const tab = text.indexOf('\t');
  return tab < 0 ? [text, undefined] : [text.slice(0, tab), text.slice(tab + 1)];
}

/** Is the text a linked domain's copy (as opposed to an organisation's own record)? */
export function isLinkedCopy(text: string): boolean {
  return text.startsWith('>');
}
