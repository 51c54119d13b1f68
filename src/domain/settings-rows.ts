/**
 * The backing Sheet's Settings tab: one setting per row (name, value). Each value is checked; a
 * value that does not check out keeps the setting's previous (or default) value and its row says
 * why.
 */
import { EMAIL_RE } from './syntax';
import type { Cell } from './sheet-rows';

export interface Settings {
  /** Who sees support's cards in the sidebar (lower case). */
  supportStaff: string[];
  /** The address customers are told to write to; '' keeps the deployment's. */
  supportAddress: string;
  /** How often the owner's trigger runs, as `setup` advises it: 1, 5, 10, 15 or 30. */
  syncMinutes: number;
  /** Language of the statuses the sync writes into the Sheet. */
  statusLanguage: 'en' | 'de';
  /**
   * The mail support sends an applicant with "Send agreement" (issue 10): its subject and text,
   * with the placeholders {company}, {contactName}, {domain} and {link}, and the link to the
   * agreement to sign. Absent or '': the add-on's own text in support's language, and no link
   * (support attaches the agreement).
   */
  agreementSubject?: string;
  agreementText?: string;
  /** https://… or '' */
  agreementLink?: string;
}

/** How long the agreement mail's settings may be: the whole mail goes into one mailto: link. */
export const AGREEMENT_LIMITS = { agreementSubject: 200, agreementText: 1500, agreementLink: 500 } as const;

export const DEFAULT_SETTINGS: Settings = {
  supportStaff: [],
  supportAddress: '',
  syncMinutes: 15,
  statusLanguage: 'en',
};

export type SettingProblem =
  | { kind: 'unknownSetting'; name: string }
  | { kind: 'badEmail'; value: string }
  | { kind: 'badMinutes' }
  | { kind: 'badLanguage' }
  | { kind: 'formula' }
  | { kind: 'noSupportStaff' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'badLink' };

export type SettingRow = { kind: 'ok' } | { kind: 'blank' } | { kind: 'flagged'; problem: SettingProblem };

const TRIGGER_MINUTES = [1, 5, 10, 15, 30];

function text(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return null;
  return String(cell).trim();
}

/** A web address the agreement mail may link to: https only, no spaces or control characters. */
const LINK_RE = /^https:\/\/[^\s/]+\.[^\s]+$/i;

/** The agreement mail's text: line breaks kept (as \n), other control characters removed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/g;

function mailText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_NEWLINE, '').trim();
}

/** The settings the rows give, starting from `previous`, and each row's verdict. */
export function readSettingsRows(
  rows: readonly (readonly Cell[])[],
  previous: Settings = DEFAULT_SETTINGS,
): { settings: Settings; rows: SettingRow[] } {
  const settings: Settings = { ...previous, supportStaff: [...previous.supportStaff] };
  const verdicts = rows.map((row): SettingRow => {
    const name = text(row[0]);
    const value = text(row[1]);
    if (name === '' && value === '') return { kind: 'blank' };
    if (name === null || value === null) return { kind: 'flagged', problem: { kind: 'formula' } };
    switch (name) {
      case 'supportStaff': {
        const emails = value
          .split(/[,;\s]+/)
          .map((e) => e.trim().toLowerCase())
          .filter((e) => e !== '');
        const bad = emails.find((e) => !EMAIL_RE.test(e));
        if (bad !== undefined) return { kind: 'flagged', problem: { kind: 'badEmail', value: bad } };
        settings.supportStaff = emails;
        return emails.length === 0
          ? { kind: 'flagged', problem: { kind: 'noSupportStaff' } }
          : { kind: 'ok' };
      }
      case 'supportAddress':
        if (value !== '' && !EMAIL_RE.test(value))
          return { kind: 'flagged', problem: { kind: 'badEmail', value } };
        settings.supportAddress = value.toLowerCase();
        return { kind: 'ok' };
      case 'syncMinutes': {
        const minutes = Number(value);
        if (!TRIGGER_MINUTES.includes(minutes)) return { kind: 'flagged', problem: { kind: 'badMinutes' } };
        settings.syncMinutes = minutes;
        return { kind: 'ok' };
      }
      case 'statusLanguage':
        if (value !== 'en' && value !== 'de') return { kind: 'flagged', problem: { kind: 'badLanguage' } };
        settings.statusLanguage = value;
        return { kind: 'ok' };
      case 'agreementSubject':
      case 'agreementText': {
        const cleaned = name === 'agreementSubject' ? mailText(value).replace(/\s+/g, ' ') : mailText(value);
        const max = AGREEMENT_LIMITS[name];
        if (Array.from(cleaned).length > max) return { kind: 'flagged', problem: { kind: 'tooLong', max } };
        settings[name] = cleaned;
        return { kind: 'ok' };
      }
      case 'agreementLink':
        if (value.length > AGREEMENT_LIMITS.agreementLink)
          return { kind: 'flagged', problem: { kind: 'tooLong', max: AGREEMENT_LIMITS.agreementLink } };
        if (value !== '' && !LINK_RE.test(value)) return { kind: 'flagged', problem: { kind: 'badLink' } };
        settings.agreementLink = value;
        return { kind: 'ok' };
      default:
        return { kind: 'flagged', problem: { kind: 'unknownSetting', name } };
    }
  });
  return { settings, rows: verdicts };
}

/** Settings as kept in Script Properties, or the defaults when the stored text cannot be read. */
export function parseStoredSettings(text: string | null): Settings {
  if (text === null) return DEFAULT_SETTINGS;
  try {
    const parsed = JSON.parse(text) as Partial<Settings>;
    return {
      supportStaff: Array.isArray(parsed.supportStaff)
        ? parsed.supportStaff.filter((e) => typeof e === 'string')
        : [],
      supportAddress: typeof parsed.supportAddress === 'string' ? parsed.supportAddress : '',
      syncMinutes: typeof parsed.syncMinutes === 'number' ? parsed.syncMinutes : DEFAULT_SETTINGS.syncMinutes,
      statusLanguage: parsed.statusLanguage === 'de' ? 'de' : 'en',
      ...(typeof parsed.agreementSubject === 'string' ? { agreementSubject: parsed.agreementSubject } : {}),
      ...(typeof parsed.agreementText === 'string' ? { agreementText: parsed.agreementText } : {}),
      ...(typeof parsed.agreementLink === 'string' ? { agreementLink: parsed.agreementLink } : {}),
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}
