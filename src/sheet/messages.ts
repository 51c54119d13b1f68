/**
 * The backing Sheet's texts — headers, column notes, the status the sync writes per row, and what
 * `setup` and the sync report to the owner — in English and German. Support reads them in the
 * Sheet; the language is the owner's at setup (headers and notes) and the Settings tab's for the
 * statuses the sync writes.
 */
import type { AssignmentRowProblem } from '../domain/assignment-rows';
import type { RequestRowProblem } from '../domain/request-rows';
import type { SettingProblem } from '../domain/settings-rows';
import type { RowProblem } from '../domain/sheet-rows';

export type SheetLanguage = 'en' | 'de';

export function sheetLanguage(locale: unknown): SheetLanguage {
  return typeof locale === 'string' && /^de\b/i.test(locale.trim()) ? 'de' : 'en';
}

interface SheetTexts {
  headers: Record<string, string>;
  notes: Record<string, string>;
  /** A note on a setting's name in the Settings tab, by setting. */
  settingNotes: Record<string, string>;
  status: {
    ok: string;
    newId: (id: string) => string;
    restored: string;
    added: string;
    blank: string;
    problem: (problem: RowProblem) => string;
    setting: (problem: SettingProblem) => string;
    assignment: (problem: AssignmentRowProblem) => string;
    request: (problem: RequestRowProblem) => string;
  };
  report: {
    notOwner: (email: string) => string;
    noOwnerConfigured: string;
    created: (url: string) => string;
    repaired: (what: string) => string;
    unchanged: (url: string) => string;
    notReadable: string;
    trigger: (fn: string, minutes: number) => string;
    noSheet: string;
    synced: (changes: number, resellers: number, flagged: number) => string;
    storeFilling: (percent: number) => string;
    tabMissing: (tab: string) => string;
    headerDamaged: (tab: string) => string;
    programmeRefused: (domain: string, to: string) => string;
    quota: string;
  };
}

const EN: SheetTexts = {
  headers: {
    id: 'Id',
    name: 'Name',
    aliases: 'Aliases',
    domain: 'Domain',
    country: 'Country',
    contacts: 'Contact emails',
    status: 'Status',
    notes: 'Notes',
    syncStatus: 'Sync status',
    organisation: 'Organisation',
    linkedDomains: 'Linked domains',
    resellerId: 'Reseller id',
    resellerName: 'Reseller name',
    source: 'Source',
    setBy: 'Set by',
    setAt: 'Set at',
    reason: 'Reason',
    request: 'Request',
    requestedBy: 'Requested by',
    requestedAt: 'Requested at',
    state: 'State',
    answer: 'Answer to the customer',
    sequence: 'Sequence',
    when: 'When',
    who: 'Who',
    what: 'What',
    before: 'Before',
    after: 'After',
    setting: 'Setting',
    value: 'Value',
  },
  notes: {
    id: 'Given by the sync to a new row; never change or reuse it.',
    name: 'As customers see it in the search (at most 200 characters).',
    aliases: 'Other names customers may type, separated by commas.',
    domain: "The reseller's Google Workspace domain, e.g. mueller-it.de.",
    country: 'Two-letter country code, e.g. DE, AT, CH.',
    contacts: 'Email addresses of the reseller’s staff, separated by commas.',
    status: 'Only approved resellers appear in the customers’ search.',
    notes: 'For support; never shown to customers.',
    syncStatus: 'Written by the sync: OK, or what keeps the row from being applied.',
    organisation: "The customer's primary domain.",
    resellerId: 'What counts; the name is for people.',
    source: 'customer, support or import.',
    sequence: 'Commit order of the change: the Audit tab is in this order, append only.',
    setting: 'Do not rename the settings in this column.',
  },
  settingNotes: {
    agreementSubject:
      'Subject of the mail "Send agreement" opens for support (at most 200 characters). {company}, {contactName}, {domain} and {link} are replaced. Empty: the add-on’s own subject.',
    agreementText:
      'Text of that mail (at most 1,500 characters; line breaks are kept). {company}, {contactName}, {domain} and {link} are replaced. Empty: the add-on’s own text in support’s language.',
    agreementLink:
      'Link to the agreement to sign (https://…), put into the mail as {link}. Empty: support attaches the PDF to the mail.',
  },
  status: {
    ok: 'OK',
    newId: (id) => `OK, new id ${id}`,
    restored: 'Restored: this reseller was missing here. Suspend resellers instead of deleting rows.',
    added: 'OK: added from the directory by the first sync.',
    blank: 'Empty row: ignored.',
    problem: (p) => {
      switch (p.kind) {
        case 'formula':
          return `Not applied: ${p.column} holds a formula; type the text itself.`;
        case 'notText':
          return `Not applied: ${p.column} must be text.`;
        case 'missing':
          return `Not applied: ${p.column} is empty.`;
        case 'tooLong':
          return `Not applied: ${p.column} is longer than ${p.max} characters.`;
        case 'badId':
          return 'Not applied: the id is not one the sync gave out; leave it empty for a new reseller.';
        case 'duplicateId':
          return `Not applied: id ${p.id} is used by a row above.`;
        case 'badDomain':
          return 'Not applied: the domain is not a valid domain name (e.g. mueller-it.de).';
        case 'duplicateDomain':
          return `Not applied: ${p.domain} is used by a row above.`;
        case 'badCountry':
          return 'Not applied: the country must be a two-letter code such as DE.';
        case 'badStatus':
          return 'Not applied: choose a status from the list.';
        case 'badEmail':
          return `Not applied: ${p.email} is not an email address.`;
        case 'tooManyAliases':
          return `Not applied: more than ${p.max} aliases; keep the ones customers really type.`;
        case 'aliasTooLong':
          return `Not applied: the alias "${p.alias.slice(0, 40)}…" is longer than ${p.max} characters.`;
        case 'tooManyContacts':
          return `Not applied: more than ${p.max} contact emails.`;
      }
    },
    setting: (p) => {
      switch (p.kind) {
        case 'unknownSetting':
          return `Not applied: there is no setting "${p.name}".`;
        case 'badEmail':
          return `Not applied: ${p.value} is not an email address.`;
        case 'badMinutes':
          return 'Not applied: the interval must be 1, 5, 10, 15 or 30 minutes.';
        case 'badLanguage':
          return 'Not applied: the language must be en or de.';
        case 'formula':
          return 'Not applied: type the value itself, not a formula.';
        case 'noSupportStaff':
          return 'No support staff listed: nobody sees the support cards until someone is.';
        case 'tooLong':
          return `Not applied: longer than ${p.max} characters.`;
        case 'badLink':
          return 'Not applied: the link must be a whole web address starting with https://.';
      }
    },
    request: (p) =>
      p.kind === 'formula'
        ? 'Not applied: type the state and the answer themselves, not formulas.'
        : p.kind === 'badState'
          ? 'Not applied: choose approved or rejected from the list.'
          : 'Not applied: write the answer the customer will read.',
    assignment: (p) => {
      switch (p.kind) {
        case 'formula':
          return 'Not applied: type the values themselves, not formulas.';
        case 'badDomain':
          return 'Not applied: the organisation must be a domain such as kunde-gmbh.de.';
        case 'duplicateOrganisation':
          return 'Not applied: this organisation has a row above.';
        case 'badResellerId':
          return 'Not applied: put a reseller id from the Resellers tab (e.g. R-00012).';
        case 'unknownReseller':
          return `Not applied: ${p.id} is not an approved reseller.`;
        case 'noReason':
          return 'Not applied: give a reason in the Reason column.';
        case 'badLinkedDomain':
          return `Not applied: ${p.domain} in Linked domains is not another domain of this organisation (e.g. kunde-gmbh.at).`;
        case 'linkedRow':
          return `Not applied: this domain is linked to ${p.organisation}; change the reseller in that organisation’s row.`;
        case 'linkRefused':
          switch (p.why) {
            case 'noOrganisation':
              return `Not linked: ${p.domain} cannot be linked before this organisation has an answer.`;
            case 'hasLinks':
              return `Not linked: ${p.domain} has linked domains of its own; remove them from its row first.`;
            case 'tooMany':
              return `Not linked: ${p.domain} would pass the limit of linked domains for one organisation.`;
            case 'notLinked':
              return `Not unlinked: ${p.domain} is not linked to this organisation.`;
            case 'sameDomain':
              return `Not linked: ${p.domain} is this organisation itself.`;
            case 'isReseller':
              return `Not linked: ${p.domain} is a reseller’s domain (or applied to become one).`;
            case 'unreadable':
              return `Not linked: the stored record of ${p.domain} cannot be read; ask the owner to look at it.`;
          }
      }
    },
  },
  report: {
    notOwner: (email) =>
      `Only the deployment's owner may run this (signed in as ${email || 'an unknown account'}). Nothing was changed.`,
    noOwnerConfigured:
      'No owner is set: set ownerEmail in src/deployment.ts and deploy again. Nothing was changed.',
    created: (url) => `Created the backing Sheet: ${url}`,
    repaired: (what) => `Repaired the backing Sheet: ${what}.`,
    unchanged: (url) => `The backing Sheet is complete: ${url}`,
    notReadable:
      'The new Sheet could not be read back with the drive.file scope. Check that the Sheets advanced service is on and the scope is granted, then run setup again.',
    trigger: (fn, minutes) =>
      `Add one time-driven trigger in the Apps Script editor (Triggers → Add trigger): function ${fn}, time-driven, every ${minutes} minutes.`,
    noSheet: 'There is no backing Sheet yet: run setup first. Nothing was changed.',
    storeFilling: (percent) =>
      `Script Properties are ${percent}% full (500 KB shared by all customers). Drain them more often (a shorter trigger interval) or move to the Firestore store before writes fail.`,
    synced: (changes, resellers, flagged) =>
      `Synced ${changes} changes; ${resellers} resellers in the directory; ${flagged} rows not applied (see their sync status).`,
    tabMissing: (tab) =>
      `The tab "${tab}" is missing or renamed: run setup to repair it. Nothing was changed.`,
    programmeRefused: (domain, to) =>
      `The sidebar moved ${domain} to "${to.replace('_', ' ')}", but its Resellers row was changed since and no longer allows that: the row's status stays.`,
    headerDamaged: (tab) =>
      `The header row of the tab "${tab}" was changed or deleted: run setup to repair it. Nothing was changed.`,
    quota: 'The Sheets API quota is used up for this minute: the next run continues where this one stopped.',
  },
};

const DE: SheetTexts = {
  headers: {
    id: 'ID',
    name: 'Name',
    aliases: 'Weitere Namen',
    domain: 'Domain',
    country: 'Land',
    contacts: 'Kontakt-E-Mails',
    status: 'Status',
    notes: 'Notizen',
    syncStatus: 'Sync-Status',
    organisation: 'Organisation',
    linkedDomains: 'Verknüpfte Domains',
    resellerId: 'Reseller-ID',
    resellerName: 'Reseller-Name',
    source: 'Quelle',
    setBy: 'Gesetzt von',
    setAt: 'Gesetzt am',
    reason: 'Grund',
    request: 'Anfrage',
    requestedBy: 'Angefragt von',
    requestedAt: 'Angefragt am',
    state: 'Stand',
    answer: 'Antwort an den Kunden',
    sequence: 'Reihenfolge',
    when: 'Wann',
    who: 'Wer',
    what: 'Was',
    before: 'Vorher',
    after: 'Nachher',
    setting: 'Einstellung',
    value: 'Wert',
  },
  notes: {
    id: 'Vergibt der Sync für eine neue Zeile; nie ändern oder wiederverwenden.',
    name: 'Wie Kunden ihn in der Suche sehen (höchstens 200 Zeichen).',
    aliases: 'Weitere Namen, die Kunden tippen könnten, durch Kommas getrennt.',
    domain: 'Die Google-Workspace-Domain des Resellers, z. B. mueller-it.de.',
    country: 'Ländercode aus zwei Buchstaben, z. B. DE, AT, CH.',
    contacts: 'E-Mail-Adressen der Mitarbeitenden des Resellers, durch Kommas getrennt.',
    status: 'Nur freigegebene Reseller (approved) erscheinen in der Suche der Kunden.',
    notes: 'Für den Support; Kunden sehen sie nie.',
    syncStatus: 'Schreibt der Sync: OK, oder was die Übernahme der Zeile verhindert.',
    organisation: 'Die primäre Domain des Kunden.',
    resellerId: 'Maßgeblich ist die ID; der Name ist für Menschen.',
    source: 'customer, support oder import.',
    sequence: 'Reihenfolge der Änderungen: Der Audit-Tab folgt ihr und wird nur ergänzt.',
    setting: 'Die Einstellungen in dieser Spalte nicht umbenennen.',
  },
  settingNotes: {
    agreementSubject:
      'Betreff der Mail, die „Vertrag senden“ für den Support öffnet (höchstens 200 Zeichen). {company}, {contactName}, {domain} und {link} werden ersetzt. Leer: der Betreff des Add-ons.',
    agreementText:
      'Text dieser Mail (höchstens 1.500 Zeichen; Zeilenumbrüche bleiben). {company}, {contactName}, {domain} und {link} werden ersetzt. Leer: der Text des Add-ons in der Sprache des Supports.',
    agreementLink:
      'Link zum Vertrag, der unterschrieben werden soll (https://…), in der Mail als {link}. Leer: Der Support hängt das PDF an die Mail an.',
  },
  status: {
    ok: 'OK',
    newId: (id) => `OK, neue ID ${id}`,
    added: 'OK: vom ersten Abgleich aus dem Verzeichnis übernommen.',
    restored:
      'Wiederhergestellt: Dieser Reseller fehlte hier. Reseller bitte sperren (suspended) statt Zeilen löschen.',
    blank: 'Leere Zeile: ignoriert.',
    problem: (p) => {
      switch (p.kind) {
        case 'formula':
          return `Nicht übernommen: ${p.column} enthält eine Formel; bitte den Text selbst eingeben.`;
        case 'notText':
          return `Nicht übernommen: ${p.column} muss Text sein.`;
        case 'missing':
          return `Nicht übernommen: ${p.column} ist leer.`;
        case 'tooLong':
          return `Nicht übernommen: ${p.column} ist länger als ${p.max} Zeichen.`;
        case 'badId':
          return 'Nicht übernommen: Diese ID hat der Sync nicht vergeben; für einen neuen Reseller leer lassen.';
        case 'duplicateId':
          return `Nicht übernommen: Die ID ${p.id} steht schon in einer Zeile darüber.`;
        case 'badDomain':
          return 'Nicht übernommen: Die Domain ist kein gültiger Domainname (z. B. mueller-it.de).';
        case 'duplicateDomain':
          return `Nicht übernommen: ${p.domain} steht schon in einer Zeile darüber.`;
        case 'badCountry':
          return 'Nicht übernommen: Das Land muss ein Code aus zwei Buchstaben sein, z. B. DE.';
        case 'badStatus':
          return 'Nicht übernommen: Bitte einen Status aus der Liste wählen.';
        case 'badEmail':
          return `Nicht übernommen: ${p.email} ist keine E-Mail-Adresse.`;
        case 'tooManyAliases':
          return `Nicht übernommen: mehr als ${p.max} weitere Namen; bitte nur die, die Kunden wirklich tippen.`;
        case 'aliasTooLong':
          return `Nicht übernommen: Der weitere Name „${p.alias.slice(0, 40)}…“ ist länger als ${p.max} Zeichen.`;
        case 'tooManyContacts':
          return `Nicht übernommen: mehr als ${p.max} Kontakt-E-Mails.`;
      }
    },
    setting: (p) => {
      switch (p.kind) {
        case 'unknownSetting':
          return `Nicht übernommen: Die Einstellung „${p.name}“ gibt es nicht.`;
        case 'badEmail':
          return `Nicht übernommen: ${p.value} ist keine E-Mail-Adresse.`;
        case 'badMinutes':
          return 'Nicht übernommen: Das Intervall muss 1, 5, 10, 15 oder 30 Minuten betragen.';
        case 'badLanguage':
          return 'Nicht übernommen: Die Sprache muss en oder de sein.';
        case 'formula':
          return 'Nicht übernommen: Bitte den Wert selbst eingeben, keine Formel.';
        case 'noSupportStaff':
          return 'Kein Support-Team eingetragen: Niemand sieht die Support-Karten, bis jemand eingetragen ist.';
        case 'tooLong':
          return `Nicht übernommen: länger als ${p.max} Zeichen.`;
        case 'badLink':
          return 'Nicht übernommen: Der Link muss eine vollständige Webadresse sein, die mit https:// beginnt.';
      }
    },
    request: (p) =>
      p.kind === 'formula'
        ? 'Nicht übernommen: Bitte Stand und Antwort selbst eingeben, keine Formeln.'
        : p.kind === 'badState'
          ? 'Nicht übernommen: Bitte approved oder rejected aus der Liste wählen.'
          : 'Nicht übernommen: Bitte die Antwort schreiben, die der Kunde lesen wird.',
    assignment: (p) => {
      switch (p.kind) {
        case 'formula':
          return 'Nicht übernommen: Bitte die Werte selbst eingeben, keine Formeln.';
        case 'badDomain':
          return 'Nicht übernommen: Die Organisation muss eine Domain sein, z. B. kunde-gmbh.de.';
        case 'duplicateOrganisation':
          return 'Nicht übernommen: Diese Organisation steht schon in einer Zeile darüber.';
        case 'badResellerId':
          return 'Nicht übernommen: Bitte eine Reseller-ID aus dem Tab Resellers eintragen (z. B. R-00012).';
        case 'unknownReseller':
          return `Nicht übernommen: ${p.id} ist kein freigegebener Reseller.`;
        case 'noReason':
          return 'Nicht übernommen: Bitte in der Spalte Grund einen Grund angeben.';
        case 'badLinkedDomain':
          return `Nicht übernommen: ${p.domain} unter Verknüpfte Domains ist keine weitere Domain dieser Organisation (z. B. kunde-gmbh.at).`;
        case 'linkedRow':
          return `Nicht übernommen: Diese Domain ist mit ${p.organisation} verknüpft; den Reseller bitte in der Zeile dieser Organisation ändern.`;
        case 'linkRefused':
          switch (p.why) {
            case 'noOrganisation':
              return `Nicht verknüpft: ${p.domain} kann erst verknüpft werden, wenn diese Organisation eine Antwort hat.`;
            case 'hasLinks':
              return `Nicht verknüpft: ${p.domain} hat selbst verknüpfte Domains; bitte diese zuerst in ihrer Zeile entfernen.`;
            case 'tooMany':
              return `Nicht verknüpft: Mit ${p.domain} hätte diese Organisation mehr verknüpfte Domains als erlaubt.`;
            case 'notLinked':
              return `Nicht gelöst: ${p.domain} ist nicht mit dieser Organisation verknüpft.`;
            case 'sameDomain':
              return `Nicht verknüpft: ${p.domain} ist diese Organisation selbst.`;
            case 'isReseller':
              return `Nicht verknüpft: ${p.domain} ist die Domain eines Resellers (oder hat sich als einer beworben).`;
            case 'unreadable':
              return `Nicht verknüpft: Der gespeicherte Eintrag von ${p.domain} ist nicht lesbar; bitte den Eigentümer des Add-ons bitten, ihn zu prüfen.`;
          }
      }
    },
  },
  report: {
    notOwner: (email) =>
      `Nur der Inhaber der Bereitstellung darf das ausführen (angemeldet als ${email || 'unbekanntes Konto'}). Nichts wurde geändert.`,
    noOwnerConfigured:
      'Kein Inhaber festgelegt: ownerEmail in src/deployment.ts setzen und neu bereitstellen. Nichts wurde geändert.',
    created: (url) => `Das Tabellenblatt wurde angelegt: ${url}`,
    repaired: (what) => `Das Tabellenblatt wurde repariert: ${what}.`,
    unchanged: (url) => `Das Tabellenblatt ist vollständig: ${url}`,
    notReadable:
      'Das neue Tabellenblatt ließ sich mit dem Bereich drive.file nicht zurücklesen. Prüfen, ob der erweiterte Dienst Sheets aktiviert und der Bereich gewährt ist, dann setup erneut ausführen.',
    trigger: (fn, minutes) =>
      `Im Apps-Script-Editor einen zeitgesteuerten Trigger anlegen (Trigger → Trigger hinzufügen): Funktion ${fn}, zeitgesteuert, alle ${minutes} Minuten.`,
    noSheet: 'Es gibt noch kein Tabellenblatt: zuerst setup ausführen. Nichts wurde geändert.',
    storeFilling: (percent) =>
      `Die Script Properties sind zu ${percent} % voll (500 KB für alle Kunden). Häufiger leeren (kürzeres Trigger-Intervall) oder auf den Firestore-Speicher umstellen, bevor Schreibvorgänge scheitern.`,
    synced: (changes, resellers, flagged) =>
      `${changes} Änderungen übertragen; ${resellers} Reseller im Verzeichnis; ${flagged} Zeilen nicht übernommen (siehe Sync-Status).`,
    tabMissing: (tab) =>
      `Der Tab „${tab}“ fehlt oder wurde umbenannt: setup ausführen, um ihn zu reparieren. Nichts wurde geändert.`,
    programmeRefused: (domain, to) =>
      `Die Seitenleiste hat ${domain} auf „${to.replace('_', ' ')}“ gesetzt, aber die Zeile im Tab Resellers wurde seitdem geändert und erlaubt das nicht mehr: Der Stand der Zeile bleibt.`,
    headerDamaged: (tab) =>
      `Die Kopfzeile des Tabs „${tab}“ wurde geändert oder gelöscht: setup ausführen, um sie zu reparieren. Nichts wurde geändert.`,
    quota:
      'Das Kontingent der Sheets-API ist für diese Minute aufgebraucht: Der nächste Lauf macht dort weiter.',
  },
};

export const SHEET_TEXTS: Readonly<Record<SheetLanguage, SheetTexts>> = { en: EN, de: DE };
export type { SheetTexts };
