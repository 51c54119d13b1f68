import type { Catalogue } from './en';

/** German texts. */
export const de: Catalogue = {
  'app.name': 'Reseller Connect',

  'question.title': 'Haben Sie einen Reseller?',
  'question.text':
    'Kauft {domain} Google Workspace über einen Reseller? Sagen Sie es uns einmal für Ihre ganze Organisation, und wir verknüpfen Ihr Abonnement für geteilte Kontakte mit ihm.',
  'question.hasReseller': 'Ich habe einen Google Workspace-Reseller',
  'question.direct': 'Nein, wir kaufen direkt',
  'question.later': 'Später fragen',

  'later.title': 'Vielleicht später',
  'later.text': 'Kein Problem. Wir fragen am {date} noch einmal.',
  'later.answerNow': 'Jetzt beantworten',
  'later.alreadyAnswered.colleague':
    'Jemand aus Ihrem Team hat für {domain} bereits geantwortet, daher gibt es nichts aufzuschieben.',
  'later.alreadyAnswered.you':
    'Sie haben für {domain} bereits geantwortet (zum Beispiel in einem anderen Fenster), daher gibt es nichts aufzuschieben.',
  'later.alreadyAnswered.support':
    'Unser Support-Team hat für {domain} bereits einen Eintrag vorgenommen, daher gibt es nichts aufzuschieben.',

  'search.title': 'Reseller finden',
  'search.intro':
    'Geben Sie den Namen oder die Web-Domain Ihres Resellers ein. Während Sie tippen, erscheinen Vorschläge.',
  'search.label': 'Name des Resellers',
  'search.hint': 'Zum Beispiel: Müller IT',
  'search.button': 'Suchen',
  'search.results.one': '1 Reseller passt zu „{query}“',
  'search.results.many': '{count} Reseller passen zu „{query}“',
  'search.results.capped':
    'Es werden nur die {count} besten Treffer angezeigt. Geben Sie mehr vom Namen ein, um die Auswahl einzugrenzen.',
  'search.choose': 'Auswählen',
  'search.noResults.title': 'Kein Treffer für „{query}“',
  'search.noResults.text':
    'Prüfen Sie die Schreibweise oder geben Sie einen kürzeren Teil des Namens ein (zum Beispiel nur das erste Wort). Aufgeführt sind nur Reseller, die wir zugelassen haben: Fehlt Ihrer, bitten Sie ihn, uns an {support} zu schreiben, oder schreiben Sie selbst unserem Support-Team: Es kann Ihre Organisation für Sie verknüpfen.',
  'search.unavailable':
    'Die Liste der Reseller kann gerade nicht gelesen werden, daher ist keine Suche möglich. Unser Support-Team ist informiert. Bitte versuchen Sie es später erneut oder schreiben Sie ihm eine E-Mail an {support}.',
  'search.problem.empty': 'Geben Sie zuerst den Namen Ihres Resellers ein.',
  'search.problem.tooShort': 'Geben Sie mindestens {min} Buchstaben des Reseller-Namens ein.',
  'search.problem.tooLong': 'Das ist zu lang für einen Reseller-Namen: höchstens {max} Zeichen.',
  'search.problem.controlCharacters':
    'Der Name enthält Zeichen, die nicht Teil eines Namens sein können, etwa Tabulatoren oder Zeilenumbrüche. Bitte geben Sie ihn erneut ein.',

  'confirm.title': 'Reseller bestätigen',
  'confirm.intro': '{domain} mit diesem Reseller verknüpfen:',
  'confirm.name': 'Reseller',
  'confirm.domain': 'Web-Domain',
  'confirm.country': 'Land',
  'confirm.permissionsHeader': 'Was die App darf',
  'confirm.permissions':
    'Die App für geteilte Kontakte darf die Kontakte, die Ihre Organisation mit ihr teilt, anzeigen, hinzufügen, löschen und synchronisieren. Ihr Google Workspace-Administrator erteilt diese Berechtigung einmal für alle, wenn er die App installiert. Danach betreut {reseller} Ihr Abonnement.',
  'confirm.share': 'Kontakte jetzt freigeben',
  'confirm.changed':
    'Die Angaben zu diesem Reseller haben sich geändert, seit Sie ihn ausgewählt haben. Bitte prüfen Sie sie und bestätigen Sie erneut.',
  'common.back': 'Zurück',
  // Follows „am“ and „Seit“: no German noun phrase fits after both, so it reads as an aside.
  'date.unknown': '(Datum unbekannt)',

  'status.title': 'Ihr Reseller',
  'status.resellerIntro': '{domain} kauft Google Workspace über:',
  'status.directIntro': '{domain} kauft Google Workspace direkt, ohne Reseller.',
  'status.since': 'Seit {date}',
  'status.setBy.you': 'Von Ihnen festgelegt',
  'status.setBy.colleague': 'Von einer Kollegin oder einem Kollegen festgelegt',
  'status.setBy.support': 'Von unserem Support-Team festgelegt',
  'status.requestChange': 'Änderung anfragen',
  'status.haveReseller': 'Wir haben einen Reseller',
  'status.pending': 'Änderung am {date} angefragt. Unser Support-Team meldet sich bei Ihnen.',
  'status.unknownReseller': 'Ein Reseller, der nicht mehr in unserer Liste steht ({id})',
  'status.unreadableReseller': 'Ihr Reseller ({id}); sein Name kann gerade nicht angezeigt werden',

  'change.title': 'Änderung anfragen',
  'change.intro':
    'Sagen Sie unserem Support-Team, was sich ändern soll, zum Beispiel den Namen Ihres neuen Resellers. Das Team prüft jede Anfrage und antwortet per E-Mail.',
  'change.label': 'Was soll sich ändern?',
  'change.hint': 'Mindestens {min} Zeichen',
  'change.send': 'Anfrage senden',
  'change.sent': 'Ihre Anfrage wurde an unser Support-Team gesendet.',
  'change.alreadyPending':
    'Eine Änderungsanfrage wartet bereits auf unser Support-Team (gesendet am {date}). Es wurde nichts hinzugefügt.',
  'change.noReseller': '{domain} hat keinen Reseller, der geändert werden könnte. Es wurde nichts gesendet.',
  'change.problem.empty': 'Bitte sagen Sie uns, was sich ändern soll.',
  'change.problem.tooShort':
    'Bitte schreiben Sie etwas mehr (mindestens {min} Zeichen), damit der Support helfen kann.',
  'change.problem.tooLong': 'Bitte schreiben Sie höchstens {max} Zeichen.',
  'change.problem.controlCharacters':
    'Der Text enthält Zeichen, die nicht gespeichert werden können. Bitte geben Sie ihn erneut ein.',

  'notice.saved': 'Gespeichert: {domain} ist jetzt mit {reseller} verknüpft.',
  'notice.direct': 'Gespeichert: {domain} kauft direkt.',
  'notice.alreadyBound':
    'Jemand aus Ihrem Team hat {domain} am {date} mit {reseller} verknüpft, daher wurde Ihre Auswahl nicht gespeichert. Falls das falsch ist, fragen Sie eine Änderung an.',
  'notice.alreadyBoundByYou':
    '{domain} ist bereits mit {reseller} verknüpft: Sie haben ihn früher ausgewählt, daher wurde nichts geändert. Für einen Wechsel fragen Sie eine Änderung an.',
  'notice.alreadyBoundBySupport':
    'Unser Support-Team hat {domain} mit {reseller} verknüpft, daher wurde Ihre Auswahl nicht gespeichert. Falls das falsch ist, fragen Sie eine Änderung an.',
  'notice.unchanged': '{domain} war bereits mit {reseller} verknüpft.',
  'notice.directUnchanged': 'Für {domain} war bereits der Direktkauf hinterlegt.',

  'error.busy':
    'Gerade speichern viele gleichzeitig. Es wurde nichts geändert: Bitte versuchen Sie es in ein paar Sekunden erneut.',
  'error.storeFull':
    'Wir können gerade nichts speichern, weil unser Speicher voll ist. Es wurde nichts geändert. Bitte schreiben Sie unserem Support-Team eine E-Mail an {support}.',
  'error.resellerUnavailable':
    'Dieser Reseller kann nicht mehr ausgewählt werden. Es wurde nichts geändert: Bitte suchen Sie erneut.',
  'error.wrongOrganisation':
    'Diese Karte gehört zu einer anderen Organisation oder einem anderen Konto. Es wurde nichts geändert: Bitte öffnen Sie das Add-on erneut.',
  'error.unexpected': 'Etwas ist schiefgelaufen. Es wurde nichts geändert: Bitte versuchen Sie es erneut.',
  'error.staleCard':
    'Diese Karte ist veraltet. Es wurde nichts geändert: Bitte öffnen Sie das Add-on erneut.',
  'error.directoryUnreadable':
    'Die Liste der Reseller kann gerade nicht gelesen werden, daher wurde nichts gespeichert. Unser Support-Team ist informiert. Bitte versuchen Sie es später erneut oder schreiben Sie ihm eine E-Mail an {support}.',
  'error.storeDamaged':
    'Wir können gerade nichts speichern, weil einige unserer gespeicherten Daten repariert werden müssen. Es wurde nichts geändert. Bitte schreiben Sie unserem Support-Team eine E-Mail an {support}.',
  'recordProblem.title': 'Ihre Organisation braucht unseren Support',
  'recordProblem.text':
    'Wir können nicht lesen, was für {domain} gespeichert ist, daher fragen wir nicht erneut und ändern nichts: Das könnte die Antwort Ihrer Organisation überschreiben. Es wurde nichts geändert. Bitte schreiben Sie unserem Support-Team eine E-Mail an {support}; es prüft und korrigiert den Eintrag.',

  'personal.title': 'Privates Konto',
  'personal.text':
    'Sie sind mit einem privaten Google-Konto angemeldet ({email}). Reseller verkaufen Google Workspace an Organisationen, daher gibt es für ein privates Konto nichts zu verknüpfen. Öffnen Sie Gmail mit Ihrem Arbeitskonto, um fortzufahren.',
  'hidden.title': 'Wir können Ihr Konto nicht sehen',
  'hidden.text':
    'Die Einstellungen Ihrer Organisation verbergen Ihre E-Mail-Adresse vor Add-ons, daher können wir nicht erkennen, zu welcher Organisation Sie gehören. Es wurde nichts gespeichert. Fragen Sie Ihren Google Workspace-Administrator oder schreiben Sie unserem Support-Team eine E-Mail an {support}: Es kann Ihre Organisation für Sie mit ihrem Reseller verknüpfen.',
  'support.title': 'Support',
  'support.find.header': 'Organisation finden',
  'support.find.label': 'Domain der Organisation',
  'support.find.hint':
    'Zum Beispiel: kunde-gmbh.de (auch für Kunden, die von einer anderen Adresse geschrieben haben)',
  'support.find.button': 'Organisation anzeigen',
  'support.find.badDomain': '„{domain}“ ist keine Domain. Bitte so eingeben: kunde-gmbh.de.',
  'support.queue.header': 'Offene Änderungsanfragen',
  'support.queue.empty': 'Keine Änderungsanfrage wartet.',
  'support.queue.item': '{domain}, seit {date}',
  'support.sync.header': 'Abgleich mit dem Tabellenblatt',
  'support.sync.last': 'Letzter Lauf: {date}',
  'support.sync.never':
    'Der Abgleich ist noch nicht gelaufen: Bitte den Inhaber bitten, setup auszuführen und den Trigger anzulegen.',
  'support.sync.late':
    'Der Abgleich ist seit {date} nicht gelaufen: Bitte den Inhaber bitten, den Trigger zu prüfen.',
  'support.sync.waiting': 'Änderungen, die auf das Tabellenblatt warten: {count}',
  'support.sync.now': 'Jetzt abgleichen',
  'support.sync.requested':
    'Der Abgleich liest das Tabellenblatt beim nächsten Lauf (innerhalb von {minutes} Minuten).',
  'support.store.fill': 'Gespeicherte Daten: {percent} % des 500-KB-Speichers',
  'support.store.warning':
    'Der Speicher ist zu {percent} % voll. Bitte den Inhaber bitten, ihn zu leeren (Abgleich) oder auf den größeren Speicher umzustellen, bevor er voll ist.',
  'support.org.none': '{domain} hat noch nicht geantwortet.',
  'support.org.direct': '{domain} kauft Google Workspace direkt.',
  'support.org.reseller': 'Reseller: {name}',
  'support.org.source.user': 'Festgelegt von einer Person der Organisation am {date}',
  'support.org.source.support': 'Festgelegt vom Support am {date}',
  'support.org.pending': 'Seit {date} wartet eine Änderungsanfrage.',
  'support.org.unreadable':
    'Der gespeicherte Eintrag von {domain} ist nicht lesbar. Nichts kann geändert werden, bis er repariert ist.',
  'support.assign.header': 'Reseller zuordnen oder korrigieren',
  'support.assign.label': 'Reseller',
  'support.assign.hint': 'Namen tippen und einen Vorschlag wählen, oder die Reseller-ID eingeben (R-00012).',
  'support.assign.reason': 'Grund (für den Audit-Tab)',
  'support.assign.reasonHint': 'Pflichtfeld, z. B. „Vertrag mit Müller IT am 1.12. unterschrieben“.',
  'support.assign.save': 'Zuordnung speichern',
  'support.assign.saved': 'Gespeichert: {domain} ist jetzt mit {name} verknüpft.',
  'support.assign.noReseller':
    'Kein freigegebener Reseller passt zu „{query}“. Bitte einen Vorschlag wählen.',
  'support.assign.noReason': 'Bitte einen Grund angeben: Er kommt in den Audit-Tab.',
  'support.message.personal':
    'Der Absender schreibt von einem privaten Konto ({email}), das zu keiner Organisation gehört. Bitte die Organisation über ihre Domain finden.',
  'support.message.unknown':
    'Der Absender dieser E-Mail ist nicht lesbar. Bitte die Organisation über ihre Domain finden.',
  'status.answer.approved': 'Unser Support-Team hat Ihre Änderungsanfrage am {date} angenommen:',
  'status.answer.rejected': 'Unser Support-Team hat Ihre Änderungsanfrage am {date} beantwortet:',
  'support.answer.button': 'Ohne Änderung beantworten',
  'support.answer.saved':
    'Beantwortet: Die Nutzer von {domain} sehen Ihre Antwort beim nächsten Öffnen des Add-ons.',
  'support.answer.none': 'Von {domain} wartet keine Anfrage mehr.',
  'support.answer.noAnswer': 'Bitte die Antwort für den Kunden in das Feld Grund schreiben.',
  'support.org.linkedTo':
    '{domain} gehört zur Organisation {organisation}: Ihre Nutzer teilen deren Antwort.',
  'support.org.open': '{organisation} anzeigen',
  'support.org.domains': 'Weitere Domains dieser Organisation:',
  'support.link.header': 'Weitere Domains der Organisation',
  'support.link.label': 'Organisation, zu der {domain} gehört',
  'support.link.hint': 'Die Domain, mit der die Organisation geantwortet hat, z. B. kunde-gmbh.de',
  'support.link.replaces': 'Die eigene Antwort von {domain} wird ersetzt; der Audit-Tab behält sie.',
  'support.link.button': '{domain} hinzufügen',
  'support.link.saved': '{domain} gehört jetzt zu {organisation}.',
  'support.link.unchanged': '{domain} gehört schon zu {organisation}.',
  'support.link.noOrganisation':
    '{organisation} hat noch nicht geantwortet: Bitte zuerst ihren Reseller zuordnen, dann {domain} hinzufügen.',
  'support.link.sameDomain':
    'Das ist {domain} selbst: Bitte die Domain der Organisation eingeben, zu der sie gehört.',
  'support.link.hasLinks': '{domain} hat selbst weitere Domains ({links}): Bitte diese zuerst entfernen.',
  'support.link.tooMany':
    '{organisation} hat schon {max} weitere Domains, mehr geht für eine Organisation nicht.',
  'support.unlink.button': 'Entfernen',
  'support.unlink.saved':
    '{domain} gehört nicht mehr zu {organisation}: Ihre Nutzer werden nach einer eigenen Antwort gefragt.',
  'support.unlink.notLinked': '{domain} gehört nicht mehr zu {organisation}.',
  'auth.title': 'Eine Berechtigung fehlt',
  'auth.intro.one': 'Ohne diese Berechtigung kann Reseller Connect nicht weitermachen:',
  'auth.intro.many': 'Ohne diese Berechtigungen kann Reseller Connect nicht weitermachen:',
  'auth.self.header': 'Wenn Sie Reseller Connect selbst installiert haben',
  'auth.self.text':
    'Erteilen Sie sie einmal: Google zeigt seine Berechtigungsseite, und das Add-on macht dort weiter, wo es stehen blieb.',
  'auth.self.button': 'Zugriff erteilen',
  'auth.admin.header': 'Wenn der Administrator Ihrer Organisation es für alle installiert hat',
  'auth.admin.text':
    'Bitten Sie Ihren Google Workspace-Administrator, den Zugriff zu erteilen: Admin-Konsole › Apps › Google Workspace Marketplace-Apps › Apps-Liste › Reseller Connect › Zugriff gewähren. Nach einem Update, das eine neue Berechtigung braucht, steht der Datenzugriff dort auf „Teilweise gewährt“, bis der Administrator das tut.',
  'auth.retry': 'Erneut versuchen',
  'scope.email.what': 'Ihre E-Mail-Adresse sehen',
  'scope.email.why': 'Daran erkennt Reseller Connect, zu welcher Organisation Sie gehören.',
  'scope.locale.what': 'Ihre Spracheinstellung sehen',
  'scope.locale.why': 'Für Texte in Ihrer Sprache, wo Gmail sie nicht mitteilt.',
  'scope.message.what': 'Absender und Betreff der geöffneten E-Mail sehen',
  'scope.message.why':
    'Nur wenn unser Support-Team die E-Mail eines Kunden öffnet: Es zeigt die Organisation des Absenders.',
  'scope.sheet.what': 'Die eine Tabelle sehen und bearbeiten, die Reseller Connect angelegt hat',
  'scope.sheet.why':
    'Nur für das eigene Konto des Anbieters: Es führt die Aufzeichnung in dieser Tabelle. Keine andere Datei wird erreicht.',
  'scope.other': 'Eine Berechtigung, die diese Version braucht: {scope}',
  'question.colleagues': 'Kollegen haben Reseller Connect nicht?',
  'help.title': 'Hilfe',
  'help.what':
    'Reseller Connect verknüpft Ihre Organisation mit dem Google Workspace-Reseller, der ihr Abo für geteilte Kontakte betreut. Eine Antwort gilt für alle in der Organisation; danach sehen alle sie und können eine Änderung anfragen.',
  'help.install.header': 'Für alle in Ihrer Organisation',
  'help.install.text':
    'Sehen nur Sie Reseller Connect in Gmail, kann Ihr Google Workspace-Administrator es für alle installieren: im Google Workspace Marketplace Reseller Connect öffnen und die Administratorinstallation wählen. Der Administrator erteilt die Berechtigungen einmal für die ganze Organisation.',
  'help.install.orgUnit':
    'Haben Kollegen es noch nicht? In der Admin-Konsole unter Apps › Google Workspace Marketplace-Apps › Apps-Liste › Reseller Connect stellt der Administrator „Aktivieren für“ auf alle oder auf ihre Organisationseinheiten. Änderungen können bis zu 24 Stunden dauern.',
  'help.permissions.header': 'Berechtigungen',
  'help.permissions.intro': 'Reseller Connect fragt nach diesen Berechtigungen, jede für einen Zweck:',
  'help.support': 'Fragen? Schreiben Sie unserem Support-Team an {support}.',
  'support.auth.header': 'Fehlende Berechtigungen',
  'support.auth.item': '„{permission}“: verweigert (Anzahl: {count}), zuletzt am {date}',
  'support.auth.hint':
    'Nutzer, deren Administrator eine Berechtigung dieser Version noch nicht erteilt hat (oder die sie abgewählt haben), lassen sich nicht erkennen; ihr Administrator muss den Zugriff in der Admin-Konsole gewähren.',
};
