/**
 * The applicant's room: "Become a reseller" (a universal action), the application form, and the
 * application's status as the applicant reads it, there and on the customer's homepage.
 *
 * Everything the applicant typed is shown as text: in a text input's value (never markup) or
 * escaped. The domain is never an input: an application is always for the signed-in account's own
 * domain.
 */
import type { CardModel, SectionModel, WidgetModel } from '../../cards/card-model';
import { escapeHtml, html, withSupportLink, type Html } from '../../cards/html';
import { rolesOf, type DomainRole } from '../../domain/organisation';
import {
  APPLICATION_LIMITS,
  type Application,
  type ApplicationField,
  type ApplicationProblem,
} from '../../domain/programme';
import type { ResellerStatus } from '../../domain/reseller';
import { ACTIONS, FIELDS } from '../actions';
import type { MessageKey } from '../i18n';
import type { View } from '../view';

export const APPLICANT_ACCOUNT_CARD = 'applicantAccount';
export const APPLICATION_FORM_CARD = 'applicationForm';
export const APPLICATION_STATUS_CARD = 'applicationStatus';
export const APPLICATION_LINKED_CARD = 'applicationLinked';
export const APPLICATION_PROBLEM_CARD = 'applicationProblem';

/** What the applicant typed, field by field (the domain is the account's, never typed). */
export type ApplicationInput = Omit<Application, 'domain'>;

export const EMPTY_INPUT: ApplicationInput = {
  company: '',
  contactName: '',
  contactEmail: '',
  country: '',
  website: '',
  message: '',
};

/** The form's input for each field of an application. */
export const APPLICATION_FIELDS: Readonly<Record<keyof ApplicationInput, string>> = {
  company: FIELDS.applicationCompany,
  contactName: FIELDS.applicationContactName,
  contactEmail: FIELDS.applicationContactEmail,
  country: FIELDS.applicationCountry,
  website: FIELDS.applicationWebsite,
  message: FIELDS.applicationMessage,
};

/** The statuses in which a user sees their application (the others are a reseller's), in words. */
const STATUS_WORDS: Readonly<Partial<Record<ResellerStatus, MessageKey>>> = {
  applied: 'apply.word.applied',
  agreement_sent: 'apply.word.agreement_sent',
  agreement_signed: 'apply.word.agreement_signed',
  rejected: 'apply.word.rejected',
};

/**
 * The role that says where this user's application stands: their domain's own (the application is
 * the domain's), else one naming their address. `roles` are those readAssignment read with the
 * record, so this costs no service call.
 */
export function applicationRole(
  roles: readonly DomainRole[] | undefined,
  email: string,
): DomainRole | undefined {
  const mine = rolesOf(roles, email.trim());
  const domain = email
    .trim()
    .toLowerCase()
    .slice(email.trim().lastIndexOf('@') + 1);
  return mine.find((r) => r.member === domain) ?? mine[0];
}

/**
 * The section the customer's homepage adds for a user whose application is open or was rejected:
 * "Your reseller application: <status in words>". Undefined for no role, and for an approved or
 * suspended reseller: what those users see is the reseller's view (src/ui/reseller/), not this
 * room's, so the homepage leaves them alone here.
 */
export function applicationSection(view: View, role: DomainRole | undefined): SectionModel | undefined {
  const word = role === undefined ? undefined : STATUS_WORDS[role.status];
  if (word === undefined) return undefined;
  // The sentence is escaped with its {status} left in place, which then becomes the bold words.
  const sentence = escapeHtml(view.t('apply.section'))
    .split('{status}')
    .join(html`<b>${view.t(word)}</b>`);
  return { widgets: [{ kind: 'paragraph', html: sentence as Html }] };
}

/** A personal gmail.com account, or one whose domain hides the email: what applying needs. */
export function applicantAccountCard(
  view: View,
  account: { kind: 'personal'; email: string } | { kind: 'hidden'; supportEmail: string },
): CardModel {
  const { t } = view;
  const text =
    account.kind === 'personal'
      ? escapeHtml(t('apply.personal.text', { email: account.email }))
      : withSupportLink(t('apply.hidden.text'), account.supportEmail);
  return {
    name: APPLICANT_ACCOUNT_CARD,
    title: t('apply.personal.title'),
    sections: [{ widgets: [{ kind: 'paragraph', html: text }] }],
  };
}

/** The status of the application, in plain words (and the form to apply again after a rejection). */
function statusWidgets(
  view: View,
  domain: string,
  role: DomainRole,
  supportEmail: () => string,
): WidgetModel[] {
  const { t } = view;
  const paragraph = (text: string): WidgetModel => ({ kind: 'paragraph', html: escapeHtml(text) });
  switch (role.status) {
    case 'applied':
    case 'agreement_sent':
    case 'agreement_signed':
    case 'rejected':
    case 'approved':
      return [paragraph(t(`apply.status.${role.status}`, { domain }))];
    case 'suspended':
      return [
        { kind: 'paragraph', html: withSupportLink(t('apply.status.suspended', { domain }), supportEmail()) },
      ];
  }
}

/** The status card: what the applicant sees after applying, and whenever they open the action again. */
export function applicationStatusCard(
  view: View,
  domain: string,
  role: DomainRole,
  supportEmail: () => string,
  /** Just applied: the thank-you, naming where the agreement goes. */
  thanksTo?: string,
): CardModel {
  const { t } = view;
  const widgets: WidgetModel[] =
    thanksTo !== undefined
      ? [{ kind: 'paragraph', html: escapeHtml(t('apply.thanks', { domain, email: thanksTo })) }]
      : statusWidgets(view, domain, role, supportEmail);
  return {
    name: APPLICATION_STATUS_CARD,
    title: t('apply.status.title'),
    subtitle: domain,
    sections: [{ widgets }],
  };
}

/** The first problem of each field, in the user's words. */
export function problemTexts(
  view: View,
  domain: string,
  application: Application,
  problems: readonly ApplicationProblem[],
): Partial<Record<ApplicationField, string>> {
  const texts: Partial<Record<ApplicationField, string>> = {};
  for (const problem of problems) {
    if (texts[problem.field] !== undefined) continue;
    texts[problem.field] = problemText(view, domain, application, problem);
  }
  return texts;
}

function problemText(
  view: View,
  domain: string,
  application: Application,
  problem: ApplicationProblem,
): string {
  const { t } = view;
  switch (problem.kind) {
    case 'missing':
      return problem.field === 'company' ||
        problem.field === 'contactName' ||
        problem.field === 'contactEmail'
        ? t(`apply.problem.${problem.field}.missing`)
        : t('apply.problem.missing');
    case 'tooLong':
      return t('apply.problem.tooLong', {
        max: problem.max,
        count: Array.from(application[problem.field]).length,
      });
    case 'badDomain':
      return t('apply.problem.badDomain', { domain });
    default:
      return t(`apply.problem.${problem.kind}`, { domain });
  }
}

export interface FormState {
  input: ApplicationInput;
  /** The first problem of each field, in words; none on a fresh form. */
  problems?: Partial<Record<ApplicationField, string>>;
  /** Shown above the form: the application's earlier status (a rejected one may apply again). */
  before?: { role: DomainRole; supportEmail: () => string };
}

/** The application form. The domain is shown, not asked: it is the signed-in account's. */
export function applicationFormCard(view: View, domain: string, state: FormState): CardModel {
  const { t } = view;
  const problems = state.problems ?? {};
  const count = Object.keys(problems).length;
  const problem = (field: ApplicationField): WidgetModel[] => {
    const text = problems[field];
    return text === undefined ? [] : [{ kind: 'paragraph', html: html`<b>${text}</b>` }];
  };
  const input = (
    field: keyof ApplicationInput,
    label: MessageKey,
    hint?: string,
    multiline = false,
  ): WidgetModel[] => [
    {
      kind: 'textInput',
      name: APPLICATION_FIELDS[field],
      label: t(label),
      ...(hint !== undefined ? { hint } : {}),
      value: state.input[field],
      ...(multiline ? { multiline } : {}),
    },
    ...problem(field),
  ];

  const intro: WidgetModel[] = [{ kind: 'paragraph', html: escapeHtml(t('apply.intro')) }];
  if (count > 0)
    intro.push({
      kind: 'paragraph',
      html: html`<b>${count === 1 ? t('apply.problems.one') : t('apply.problems.many', { count })}</b>`,
    });
  const sections: SectionModel[] = [];
  if (state.before) {
    const { role, supportEmail } = state.before;
    sections.push({ widgets: statusWidgets(view, domain, role, supportEmail) });
    sections.push({ header: escapeHtml(t('apply.again')), widgets: intro });
  } else {
    sections.push({ widgets: intro });
    // Staff of a reseller we already work with open their own view instead (their role is claimed
    // once, then found by every homepage).
    sections.push({
      widgets: [
        { kind: 'paragraph', html: escapeHtml(t('reseller.claim.text')) },
        {
          kind: 'buttons',
          buttons: [
            {
              text: t('reseller.claim.button'),
              action: { functionName: ACTIONS.claimResellerRole, spinner: true },
            },
          ],
        },
      ],
    });
  }
  sections.push({
    widgets: [
      ...input('company', 'apply.company', t('apply.company.hint')),
      {
        kind: 'fact',
        label: t('apply.domain'),
        html: html`<b>${domain}</b>`,
        bottomLabel: t('apply.domain.note'),
      },
      ...problem('domain'),
      ...input('contactName', 'apply.contactName'),
      ...input('contactEmail', 'apply.contactEmail', t('apply.contactEmail.hint', { domain })),
      ...input('country', 'apply.country', t('apply.country.hint')),
      ...input('website', 'apply.website', t('apply.website.hint', { domain })),
      ...input(
        'message',
        'apply.message',
        t('apply.message.hint', { max: APPLICATION_LIMITS.message }),
        true,
      ),
    ],
  });
  return {
    name: APPLICATION_FORM_CARD,
    title: t('apply.title'),
    subtitle: domain,
    sections,
    footer: {
      primary: {
        text: t('apply.send'),
        action: { functionName: ACTIONS.submitApplication, parameters: { domain }, spinner: true },
        filled: true,
      },
    },
  };
}

/** The domain belongs to another organisation (a linked domain): it applies from that one's. */
export function linkedDomainCard(
  view: View,
  domain: string,
  organisation: string,
  supportEmail: string,
): CardModel {
  const { t } = view;
  return {
    name: APPLICATION_LINKED_CARD,
    title: t('apply.linked.title'),
    subtitle: domain,
    sections: [
      {
        widgets: [
          {
            kind: 'paragraph',
            html: withSupportLink(t('apply.linked.text', { domain, organisation }), supportEmail),
          },
        ],
      },
    ],
  };
}

/** A card that only says something: what is stored cannot be read, or something failed. */
export function problemCard(view: View, domain: string | undefined, text: Html): CardModel {
  return {
    name: APPLICATION_PROBLEM_CARD,
    title: view.t('apply.title'),
    ...(domain !== undefined ? { subtitle: domain } : {}),
    sections: [{ widgets: [{ kind: 'paragraph', html: text }] }],
  };
}
