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
  'support.link.isReseller':
    '{domain} ist die Domain eines Resellers (oder hat sich beworben): Sie behält ihren eigenen Eintrag.',
  // Support's side of the reseller programme (src/ui/support/programme.ts)
  'support.programme.header': 'Reseller-Programm',
  'support.programme.open': 'Öffnen',
  'support.programme.queue.group': '{status} ({count})',
  'support.programme.queue.more': 'und {count} weitere: oben über ihre Domain finden.',
  'support.programme.queue.empty': 'Keine Bewerbung und kein Reseller wartet auf einen Schritt.',
  'support.programme.status.applied': 'Beworben',
  'support.programme.status.agreement_sent': 'Vertrag gesendet',
  'support.programme.status.agreement_signed': 'Vertrag unterschrieben',
  'support.programme.status.approved': 'Freigegeben',
  'support.programme.status.rejected': 'Abgelehnt',
  'support.programme.status.suspended': 'Gesperrt',
  'support.programme.apply': 'Bewerben',
  'support.programme.sendAgreement': 'Vertrag senden',
  'support.programme.markSigned': 'Vertrag als unterschrieben markieren',
  'support.programme.approve': 'Freigeben',
  'support.programme.reject': 'Ablehnen',
  'support.programme.suspend': 'Sperren',
  'support.programme.reinstate': 'Wieder freigeben',
  'support.programme.label.status': 'Stand',
  'support.programme.label.domain': 'Domain',
  'support.programme.label.id': 'Reseller-ID',
  'support.programme.label.contact': 'Kontakt',
  'support.programme.label.agreement': 'Unterschriebener Vertrag',
  'support.programme.since': 'seit {date}',
  'support.programme.contact.unknown':
    'noch nicht bekannt (er kommt mit dem nächsten Sync in den Tab Resellers)',
  'support.programme.agreement.recorded': 'festgehalten am {date}',
  'support.programme.steps.header': 'Nächster Schritt',
  'support.programme.reason.label': 'Grund (für den Audit-Tab)',
  'support.programme.reason.hint': 'Nötig für Ablehnen und Sperren.',
  'support.programme.reason.reject':
    'Bitte einen Grund für die Ablehnung angeben: Er kommt in den Audit-Tab. Nichts wurde geändert.',
  'support.programme.reason.suspend':
    'Bitte einen Grund für die Sperre angeben: Er kommt in den Audit-Tab. Nichts wurde geändert.',
  'support.programme.rejected': 'Die Bewerbung wurde abgelehnt. Das Unternehmen kann sich erneut bewerben.',
  'support.programme.mail.header': 'Mail mit dem Vertrag',
  'support.programme.mail.now':
    'Als gesendet festgehalten. Schreiben Sie jetzt die Mail und senden Sie sie aus Ihrem Mailprogramm:',
  'support.programme.mail.again': 'Die Mail mit dem Vertrag, (erneut) aus Ihrem Mailprogramm zu senden:',
  'support.programme.mail.button': 'Mail mit dem Vertrag schreiben',
  'support.programme.mail.to': 'An: {email}',
  'support.programme.mail.noContact':
    'Keine Kontaktadresse bekannt: Tragen Sie sie im Tab Resellers unter „Kontakt-E-Mails“ ein, oder geben Sie sie in der Mail ein.',
  'support.programme.mail.attach':
    'Im Tab Settings ist kein agreementLink eingetragen: Hängen Sie das Vertrags-PDF an die Mail an, bevor Sie sie senden.',
  'support.programme.mail.reply':
    'Wenn das unterschriebene PDF zurückkommt, öffnen Sie diese E-Mail: Diese Seitenleiste bietet dann „Vertrag als unterschrieben markieren“ an.',
  'support.programme.mail.subject': 'Reseller-Vertrag für {company}',
  'support.programme.mail.text.link':
    'Guten Tag {contactName},\n\nvielen Dank für Ihre Bewerbung als Reseller von Reseller Connect mit {domain}. Bitte unterschreiben Sie den Reseller-Vertrag unter {link} und senden Sie ihn als PDF als Antwort auf diese E-Mail an uns zurück.\n\nMit freundlichen Grüßen',
  'support.programme.mail.text.attach':
    'Guten Tag {contactName},\n\nvielen Dank für Ihre Bewerbung als Reseller von Reseller Connect mit {domain}. Bitte unterschreiben Sie den angehängten Reseller-Vertrag und senden Sie ihn als PDF als Antwort auf diese E-Mail an uns zurück.\n\nMit freundlichen Grüßen',
  'support.programme.attachments.header': 'PDF-Dateien dieser E-Mail',
  'support.programme.attachments.none':
    'Diese E-Mail hat keine PDF-Datei. Der unterschriebene Vertrag kommt als PDF-Anhang zurück.',
  'support.programme.size.bytes': '{count} Byte',
  'support.programme.size.kb': '{count} KB',
  'support.programme.size.mb': '{count} MB',
  'support.programme.saved': 'Gespeichert: {domain} ist jetzt „{status}“.',
  'support.programme.saved.sent':
    'Festgehalten: Der Vertrag geht an {domain}. Schreiben Sie die Mail und senden Sie sie.',
  'support.programme.saved.signed': 'Festgehalten: {domain} hat den Vertrag unterschrieben ({name}).',
  'support.programme.needs.agreementSent':
    '„{step}“ geht erst, wenn der Vertrag gesendet ist. Nichts wurde geändert.',
  'support.programme.needs.agreementSigned':
    '„{step}“ braucht zuerst einen unterschriebenen Vertrag. Nichts wurde geändert.',
  'support.programme.refused.already': 'Der Stand ist schon „{status}“. Nichts wurde geändert.',
  'support.programme.refused.rejected':
    '„{step}“ geht nicht: Die Bewerbung wurde abgelehnt. Nichts wurde geändert.',
  'support.programme.refused.from':
    '„{step}“ geht nicht, solange der Stand „{status}“ ist. Nichts wurde geändert.',
  'support.programme.unknown': '{domain} hat sich weder beworben, noch ist es ein Reseller.',
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
  'scope.message.what': 'Die geöffnete E-Mail sehen (Absender, Betreff und Namen der Anhänge)',
  'scope.message.why':
    'Nur wenn unser Support-Team eine E-Mail öffnet: Es zeigt die Organisation des Absenders und hält den unterschriebenen Vertrag eines Resellers fest. Nie den Text oder den Inhalt einer Datei.',
  'scope.sheet.what': 'Die eine Tabelle sehen und bearbeiten, die Reseller Connect angelegt hat',
  'scope.sheet.why':
    'Nur für das eigene Konto des Anbieters: Es führt die Aufzeichnung in dieser Tabelle. Keine andere Datei wird erreicht.',
  'scope.other': 'Eine Berechtigung, die diese Version braucht: {scope}',
  'reseller.claim.text':
    'Sie sind schon einer unserer Reseller? Ihre Reseller-Ansicht zeigt Ihre Kunden, und Sie können neue einladen.',
  'reseller.claim.button': 'Meine Reseller-Ansicht öffnen',
  'reseller.claim.done': 'Willkommen: Das ist Ihre Reseller-Ansicht.',
  'reseller.claim.none':
    'Wir haben keinen Reseller mit Ihrer Domain oder mit {email} unter seinen Kontakten gefunden. Bitten Sie unser Support-Team unter {support}, Ihre Adresse bei den Kontakten Ihres Resellers einzutragen.',
  'question.colleagues': 'Kollegen haben Reseller Connect nicht?',
  'reseller.title': 'Ihre Kunden',
  'reseller.intro':
    'Die Organisationen, die {reseller} als ihren Google-Workspace-Reseller gewählt haben oder die unser Support-Team {reseller} zugeordnet hat.',
  'reseller.unknownName': 'Reseller {id}',
  'reseller.count.customers': 'Kunden',
  'reseller.count.pending': 'Offene Änderungswünsche',
  'reseller.count.bySource':
    '{user} selbst gewählt · {invitation} mit Ihrer Einladung · {support} vom Support zugeordnet',
  'reseller.asOf.now': 'Liste von gerade eben',
  'reseller.asOf.minutes': 'Liste von vor {minutes} Min.',
  'reseller.refresh': 'Liste aktualisieren',
  'reseller.invite': 'Kunden einladen',
  'reseller.suspended':
    '{reseller} ist gesperrt: Kunden können {reseller} derzeit nicht wählen, und Einladungen sind ausgesetzt. Ihre Kunden bleiben Ihnen zugeordnet. Fragen? Schreiben Sie an {support}.',
  'reseller.pending.header': 'Offene Änderungswünsche',
  'reseller.pending.intro': 'Diese Kunden haben unser Support-Team gebeten, ihren Reseller zu ändern:',
  'reseller.pending.item': 'Änderung gewünscht am {date}',
  'reseller.pending.more': '… und {count} weitere, in der Liste unten markiert.',
  'reseller.customers.header': 'Kunden {from}–{to} von {count}',
  'reseller.customers.none':
    'Noch keine Kunden. Laden Sie einen mit einem Code ein: Der Kunde gibt ihn in Reseller Connect ein und bestätigt.',
  'reseller.customer.since': 'Seit {date}',
  'reseller.source.user': 'selbst gewählt',
  'reseller.source.support': 'vom Support zugeordnet',
  'reseller.source.invitation': 'mit Ihrer Einladung',
  'reseller.customer.pending': 'Änderung gewünscht am {date}',
  'reseller.page.next': 'Weiter',
  'reseller.page.previous': 'Zurück',
  'invite.title': 'Kunden einladen',
  'invite.intro':
    'Senden Sie diesen Code an Ihren Kunden. Er gibt ihn in Reseller Connect (in der Gmail-Seitenleiste) ein und bestätigt {reseller} als Reseller. Der Code gilt bis {date}.',
  'invite.code': 'Einladungscode',
  'invite.mailLabel': 'Mailtext zum Kopieren',
  'invite.mail':
    'Guten Tag,\n\nbitte verknüpfen Sie Ihre Organisation in Reseller Connect mit {reseller} als Google-Workspace-Reseller: Öffnen Sie Reseller Connect in der Gmail-Seitenleiste, geben Sie unter „Haben Sie einen Einladungscode?“ den Code {code} ein und bestätigen Sie.\n\nDer Code gilt bis {date}.\n\nMit freundlichen Grüßen\n{sender}',
  'invite.created': 'Einladungscode erstellt.',
  'invite.tooMany':
    'Sie haben {max} offene Einladungen. Eine neue ist möglich, sobald eine davon abläuft (die nächste am {date}).',
  'invite.suspended': 'Einladungen sind ausgesetzt, solange {reseller} gesperrt ist.',
  'invitation.label': 'Haben Sie einen Einladungscode?',
  'invitation.hint': 'Der 8-stellige Code Ihres Resellers, z. B. ABCD-EFGH',
  'invitation.button': 'Code verwenden',
  'invitation.problem.malformed':
    'Das ist kein Einladungscode: Er hat 8 Buchstaben und Ziffern, etwa ABCD-EFGH. Bitte prüfen Sie ihn.',
  'invitation.problem.unknown':
    'Es gibt keine Einladung mit dem Code {code}. Bitte prüfen Sie ihn oder bitten Sie Ihren Reseller um einen neuen.',
  'invitation.problem.expired':
    'Der Einladungscode {code} ist am {date} abgelaufen. Bitte bitten Sie Ihren Reseller um einen neuen.',
  'invitation.problem.unavailable':
    'Der Reseller, der den Code {code} gesendet hat, kann derzeit nicht gewählt werden. Bitte fragen Sie ihn, oder wählen Sie Ihren Reseller über den Namen.',
  'confirm.invitation': 'Sie wurden mit dem Code {code} eingeladen.',
  'status.viaInvitation': 'mit der Einladung des Resellers',
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
  'apply.title': 'Reseller werden',
  'apply.intro':
    'Sie verkaufen Google Workspace? Bewerben Sie sich, um auch unsere App für geteilte Kontakte zu verkaufen. Unser Team prüft Ihre Bewerbung, schickt Ihnen den Reseller-Vertrag per E-Mail und schaltet Sie frei, sobald der unterschriebene Vertrag zurück ist.',
  'apply.company': 'Firmenname',
  'apply.company.hint': 'So, wie Kunden Sie kennen, z. B. Müller IT GmbH',
  'apply.domain': 'Google-Workspace-Domain',
  'apply.domain.note': 'Eine Bewerbung gilt immer für die Domain des Kontos, mit dem Sie angemeldet sind.',
  'apply.contactName': 'Ansprechpartner',
  'apply.contactEmail': 'E-Mail des Ansprechpartners',
  'apply.contactEmail.hint': 'Eine Adresse bei {domain}: Dorthin schicken wir den Vertrag.',
  'apply.country': 'Land',
  'apply.country.hint': 'Zweistelliger Code, z. B. DE (Deutschland), AT (Österreich), CH (Schweiz)',
  'apply.website': 'Website (optional)',
  'apply.website.hint': 'Die ganze Adresse, z. B. https://www.{domain}',
  'apply.message': 'Nachricht an unser Team (optional)',
  'apply.message.hint': 'Höchstens {max} Zeichen',
  'apply.send': 'Bewerbung senden',
  'apply.problems.one': 'Noch wurde nichts gesendet: Bitte korrigieren Sie das unten markierte Feld.',
  'apply.problems.many':
    'Noch wurde nichts gesendet: Bitte korrigieren Sie die {count} unten markierten Felder.',
  'apply.problem.company.missing': 'Geben Sie den Namen Ihrer Firma ein.',
  'apply.problem.contactName.missing': 'Geben Sie den Namen der Person ein, die wir kontaktieren sollen.',
  'apply.problem.contactEmail.missing':
    'Geben Sie die E-Mail-Adresse ein, an die wir den Vertrag schicken sollen.',
  'apply.problem.missing': 'Bitte füllen Sie dieses Feld aus.',
  'apply.problem.tooLong': 'Das ist zu lang: Höchstens {max} Zeichen (es sind {count}).',
  'apply.problem.badDomain':
    '{domain} ist keine Domain, mit der wir eine Bewerbung annehmen können. Bewerben Sie sich mit dem Google-Workspace-Konto Ihrer Firma.',
  'apply.problem.personalDomain':
    'Mit einem privaten Google-Konto kann man sich nicht bewerben: Bitte bewerben Sie sich mit dem Google-Workspace-Konto Ihrer Firma.',
  'apply.problem.badEmail': 'Das ist keine E-Mail-Adresse. Schreiben Sie sie wie name@{domain}.',
  'apply.problem.emailNotInDomain':
    'Verwenden Sie eine Adresse bei {domain}, damit wir wissen, dass die Bewerbung von Ihrer Firma kommt.',
  'apply.problem.badCountry': 'Geben Sie den zweistelligen Ländercode ein, z. B. DE für Deutschland.',
  'apply.problem.badWebsite':
    'Geben Sie die ganze Webadresse ein, beginnend mit https://, z. B. https://www.{domain}.',
  'apply.personal.title': 'Mit dem Firmenkonto bewerben',
  'apply.personal.text':
    'Sie sind mit einem privaten Google-Konto angemeldet ({email}). Ein Reseller bewirbt sich mit dem Google-Workspace-Konto seiner Firma, denn die Bewerbung gilt für die Domain der Firma. Öffnen Sie Gmail mit Ihrem Arbeitskonto und wählen Sie dort „Become a reseller“.',
  'apply.hidden.text':
    'Die Einstellungen Ihrer Organisation verbergen Ihre E-Mail-Adresse vor Add-ons, daher können wir nicht erkennen, welche Firma sich bewerben würde. Bewerben Sie sich mit dem Google-Workspace-Konto Ihrer Firma, sobald Ihr Administrator es erlaubt, oder schreiben Sie unserem Support-Team an {support}.',
  'apply.status.title': 'Ihre Reseller-Bewerbung',
  'apply.status.applied':
    'Wir haben die Bewerbung von {domain} erhalten. Unser Team prüft sie und schickt Ihnen den Reseller-Vertrag per E-Mail.',
  'apply.status.agreement_sent':
    'Wir haben Ihnen den Reseller-Vertrag geschickt: Bitte sehen Sie in Ihrem Posteingang nach, unterschreiben Sie ihn und senden Sie uns das unterschriebene PDF zurück.',
  'apply.status.agreement_signed': 'Wir haben Ihren unterschriebenen Vertrag erhalten und prüfen ihn gerade.',
  'apply.status.rejected': 'Unser Team hat die Bewerbung von {domain} nicht angenommen.',
  'apply.status.approved': '{domain} ist bereits einer unserer Reseller: Eine Bewerbung ist nicht nötig.',
  'apply.status.suspended':
    '{domain} ist einer unserer Reseller, das Reseller-Konto ist aber im Moment gesperrt. Bitte schreiben Sie unserem Support-Team an {support}.',
  'apply.thanks':
    'Vielen Dank: Wir haben die Bewerbung von {domain} erhalten. Unser Team schickt Ihnen den Vertrag an {email}.',
  'apply.again': 'Sie können sich erneut bewerben:',
  'apply.section': 'Ihre Reseller-Bewerbung: {status}',
  'apply.word.applied': 'eingegangen, unser Team schickt Ihnen den Vertrag',
  'apply.word.agreement_sent': 'Vertrag verschickt, bitte sehen Sie in Ihrem Posteingang nach',
  'apply.word.agreement_signed': 'Vertrag unterschrieben, wir prüfen ihn',
  'apply.word.rejected': 'nicht angenommen',
  'apply.sent': 'Bewerbung gesendet. Vielen Dank!',
  'apply.alreadyOpen': '{domain} hat sich bereits beworben, daher wurde nichts erneut gesendet.',
  'apply.alreadyReseller': '{domain} ist bereits einer unserer Reseller, daher wurde nichts gesendet.',
  'apply.linked.title': 'Mit der Domain Ihrer Organisation bewerben',
  'apply.linked.text':
    '{domain} gehört bei uns zur Organisation {organisation} und kann sich daher nicht allein bewerben. Bewerben Sie sich mit einem Konto bei {organisation}, oder schreiben Sie unserem Support-Team an {support}.',
  'apply.linked.notice': 'Nichts wurde gesendet: {domain} gehört zu {organisation}.',
  'apply.unreadable':
    'Wir können nicht lesen, was für {domain} gespeichert ist, daher kann gerade keine Bewerbung gesendet werden. Nichts wurde geändert. Bitte schreiben Sie unserem Support-Team an {support}.',
  'support.auth.header': 'Fehlende Berechtigungen',
  'support.auth.item': '„{permission}“: verweigert (Anzahl: {count}), zuletzt am {date}',
  'support.auth.hint':
    'Nutzer, deren Administrator eine Berechtigung dieser Version noch nicht erteilt hat (oder die sie abgewählt haben), lassen sich nicht erkennen; ihr Administrator muss den Zugriff in der Admin-Konsole gewähren.',

  // Store unavailable (issue 11)
  'unavailable.title': 'Vorübergehend nicht verfügbar',
  'unavailable.text':
    'Reseller Connect kann seine Daten gerade nicht erreichen. Es wurde nichts geändert. Bitte versuchen Sie es in ein paar Minuten erneut.',
  'unavailable.unknown':
    'Ihr letzter Schritt wurde vielleicht gespeichert, vielleicht nicht: Die Antwort ist unterwegs verloren gegangen. Öffnen Sie das Add-on in ein paar Minuten erneut, um zu sehen, was gespeichert ist; doppelt gespeichert wird nie etwas.',
  'unavailable.notice':
    'Vorübergehend nicht verfügbar. Es wurde nichts geändert: Bitte versuchen Sie es in ein paar Minuten erneut.',
  'unavailable.retry': 'Erneut versuchen',
  'unavailable.support.title': 'Datenspeicher nicht verfügbar',
  'unavailable.support.credentials':
    'Firestore hat die Anmeldung des Dienstkontos abgelehnt. Der Schlüssel in der Skripteigenschaft f:config ist vielleicht falsch, gelöscht oder widerrufen, oder dem Konto fehlt seine Firestore-Rolle (Cloud Datastore User). Erstellen Sie in der Google Cloud Console einen neuen JSON-Schlüssel für das Dienstkonto, tragen Sie client_email und private_key in f:config ein (Projekteinstellungen › Skripteigenschaften) und öffnen Sie das Add-on dann erneut.',
  'unavailable.support.configuration':
    'Die Skripteigenschaft f:config kann nicht gelesen werden, daher weiß das Add-on nicht, wo seine Daten liegen. Korrigieren Sie sie unter Projekteinstellungen › Skripteigenschaften: ein JSON-Objekt mit projectId, clientEmail und privateKey (siehe README, „Cloud Firestore“), und öffnen Sie das Add-on dann erneut.',
  'unavailable.support.overloaded':
    'Firestore hat wiederholt „überlastet“ oder „nicht verfügbar“ geantwortet (HTTP 429 oder 5xx), auch nach den Wiederholungen des Add-ons. Das geht meist in wenigen Minuten vorbei; falls nicht, prüfen Sie die Firestore-Kontingente des Projekts und die Statusseite von Google Cloud.',
  'unavailable.support.unreachable':
    'Firestore war nicht erreichbar: Die Anfragen liefen in eine Zeitüberschreitung oder wurden abgewiesen, auch nach den Wiederholungen des Add-ons. Falls das anhält, prüfen Sie die Statusseite von Google Cloud.',
  'unavailable.support.unknown':
    'Gerade wurde eine Änderung gespeichert, als die Antwort verloren ging: Sie ist vielleicht gespeichert, vielleicht nicht (nie doppelt). Prüfen Sie den Eintrag der Organisation, sobald Firestore wieder antwortet.',
  'unavailable.support.customers':
    'Bis dahin sehen Kunden „vorübergehend nicht verfügbar“, und es wird nichts geändert.',
  'unavailable.support.detail': 'Was Firestore gesagt hat: {detail}',
};
