/**
 * The reseller programme as rules, without any Apps Script: the statuses a reseller passes through
 * (applied → agreement sent → agreement signed → approved or rejected; approved ↔ suspended) and an
 * application checked field by field. Every transition names who made it and why; which ones are
 * allowed is decided here and nowhere else.
 */
import type { ResellerStatus } from './reseller';
import { DOMAIN_RE, EMAIL_RE } from './syntax';

/** What support may do next from each status. */
const NEXT: Readonly<Record<ResellerStatus, readonly ResellerStatus[]>> = {
  applied: ['agreement_sent', 'rejected'],
  agreement_sent: ['agreement_signed', 'rejected'],
  agreement_signed: ['approved', 'rejected'],
  approved: ['suspended'],
  suspended: ['approved'],
  rejected: [],
};

export type TransitionCheck =
  | { ok: true }
  /** Not allowed from `from`; `needs` is what must happen first, when there is such a step. */
  | { ok: false; from: ResellerStatus; to: ResellerStatus; needs?: ResellerStatus };

export function checkTransition(from: ResellerStatus, to: ResellerStatus): TransitionCheck {
  if (NEXT[from].includes(to)) return { ok: true };
  const needs: Partial<Record<ResellerStatus, ResellerStatus>> = {
    agreement_signed: 'agreement_sent',
    approved: 'agreement_signed',
  };
  const before = needs[to];
  return before !== undefined && from !== 'rejected' && from !== before && to !== from
    ? { ok: false, from, to, needs: before }
    : { ok: false, from, to };
}

/** The statuses support can move a reseller to from `from`. */
export function nextStatuses(from: ResellerStatus): readonly ResellerStatus[] {
  return NEXT[from];
}

/** A status in which the domain's application is open (a second one is refused). */
/** The statuses support's homepage lists: each waits for support's next step. */
export const QUEUE_STATUSES: readonly ResellerStatus[] = [
  'applied',
  'agreement_sent',
  'agreement_signed',
  'suspended',
];

export function isOpenApplication(status: ResellerStatus): boolean {
  return status === 'applied' || status === 'agreement_sent' || status === 'agreement_signed';
}

// ---------------------------------------------------------------------------------------------
// Applications

export interface Application {
  company: string;
  /** The applicant's Google Workspace domain, lower case. */
  domain: string;
  contactName: string;
  /** Lower case. */
  contactEmail: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** https://… or '' */
  website: string;
  message: string;
}

export const APPLICATION_LIMITS = {
  company: 200,
  contactName: 120,
  website: 300,
  message: 2000,
} as const;

export type ApplicationField = keyof Application;

export type ApplicationProblem =
  | { field: ApplicationField; kind: 'missing' }
  | { field: ApplicationField; kind: 'tooLong'; max: number }
  | { field: 'domain'; kind: 'badDomain' }
  | { field: 'domain'; kind: 'personalDomain' }
  | { field: 'contactEmail'; kind: 'badEmail' }
  | { field: 'contactEmail'; kind: 'emailNotInDomain' }
  | { field: 'country'; kind: 'badCountry' }
  | { field: 'website'; kind: 'badWebsite' };

/** Consumer mail domains: a reseller applies with the Workspace domain it sells from. */
const PERSONAL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * One line of text as an application keeps it: control characters and line breaks become spaces
 * (the message keeps its line breaks), direction overrides are dropped, runs of spaces one, trimmed. Text is stored and shown as
 * text only; a leading "=" is harmless because the Sheet is written RAW.
 */
function clean(text: string, keepLines = false): string {
  const spaced = text
    // Direction overrides could make a name read differently in the Sheet than in the sidebar.
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    // Control characters are what this removes.
    // eslint-disable-next-line no-control-regex
    .replace(keepLines ? /[\u0000-\u0009\u000b-\u001f\u007f]/g : /[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\u2028\u2029]/g, keepLines ? '\n' : ' ');
  return (
    keepLines ? spaced.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n') : spaced.replace(/\s+/g, ' ')
  ).trim();
}

/** The application as typed, cleaned and checked; the first problem of each field is reported. */
export function readApplication(
  input: Partial<Record<ApplicationField, string>>,
):
  | { ok: true; application: Application }
  | { ok: false; problems: ApplicationProblem[]; application: Application } {
  const application: Application = {
    company: clean(input.company ?? ''),
    domain: clean(input.domain ?? '')
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/\/.*$/, ''),
    contactName: clean(input.contactName ?? ''),
    contactEmail: clean(input.contactEmail ?? '').toLowerCase(),
    country: clean(input.country ?? '').toUpperCase(),
    website: clean(input.website ?? ''),
    message: clean(input.message ?? '', true),
  };
  const problems: ApplicationProblem[] = [];
  const limit = (field: keyof typeof APPLICATION_LIMITS): boolean => {
    const max = APPLICATION_LIMITS[field];
    if (Array.from(application[field]).length <= max) return true;
    problems.push({ field, kind: 'tooLong', max });
    return false;
  };
  if (application.company === '') problems.push({ field: 'company', kind: 'missing' });
  else limit('company');
  if (application.domain === '') problems.push({ field: 'domain', kind: 'missing' });
  else if (PERSONAL_DOMAINS.has(application.domain))
    problems.push({ field: 'domain', kind: 'personalDomain' });
  else if (!DOMAIN_RE.test(application.domain)) problems.push({ field: 'domain', kind: 'badDomain' });
  if (application.contactName === '') problems.push({ field: 'contactName', kind: 'missing' });
  else limit('contactName');
  if (application.contactEmail === '') problems.push({ field: 'contactEmail', kind: 'missing' });
  else if (!EMAIL_RE.test(application.contactEmail) || application.contactEmail.length > 254)
    problems.push({ field: 'contactEmail', kind: 'badEmail' });
  else if (
    DOMAIN_RE.test(application.domain) &&
    !application.contactEmail.endsWith(`@${application.domain}`) &&
    !application.contactEmail.endsWith(`.${application.domain}`)
  )
    problems.push({ field: 'contactEmail', kind: 'emailNotInDomain' });
  if (!/^[A-Z]{2}$/.test(application.country)) problems.push({ field: 'country', kind: 'badCountry' });
  if (
    application.website !== '' &&
    limit('website') &&
    !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(application.website)
  )
    problems.push({ field: 'website', kind: 'badWebsite' });
  limit('message');
  return problems.length === 0 ? { ok: true, application } : { ok: false, problems, application };
}
