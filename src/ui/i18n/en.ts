/** English texts. Every key here must exist in every other catalogue (checked by the type and a test). */
export const en = {
  'app.name': 'Reseller Connect',

  'question.title': 'Do you have a reseller?',
  'question.text':
    'Does {domain} buy Google Workspace through a reseller? Tell us once for your whole organisation, and we link your shared-contacts subscription to them.',
  'question.hasReseller': 'I have a Google Workspace reseller',
  'question.direct': 'No, we buy directly',
  'question.later': 'Ask me later',

  'later.title': 'Maybe later',
  'later.text': 'No problem. We will ask again on {date}.',
  'later.answerNow': 'Answer now',
  'later.alreadyAnswered.colleague':
    'A colleague has already answered for {domain}, so there is nothing to postpone.',
  'later.alreadyAnswered.you':
    'You have already answered for {domain} (perhaps in another window), so there is nothing to postpone.',
  'later.alreadyAnswered.support':
    'Our support team has already recorded an answer for {domain}, so there is nothing to postpone.',

  'search.title': 'Find your reseller',
  'search.intro': "Type your reseller's name or web domain. Suggestions appear as you type.",
  'search.label': "Reseller's name",
  'search.hint': 'For example: Müller IT',
  'search.button': 'Search',
  'search.results.one': '1 reseller matches “{query}”',
  'search.results.many': '{count} resellers match “{query}”',
  'search.results.capped':
    'Only the best {count} matches are shown. Type more of the name to narrow them down.',
  'search.choose': 'Choose',
  'search.noResults.title': 'No match for “{query}”',
  'search.noResults.text':
    'Check the spelling, or type a shorter part of the name (for example only the first word). Only resellers we have approved are listed: if yours is missing, ask them to write to us at {support}, or write to our support team yourself: they can link your organisation for you.',
  'search.unavailable':
    'The list of resellers cannot be read right now, so nothing can be searched. Our support team has been told. Please try again later, or write to them at {support}.',
  'search.problem.empty': "Type your reseller's name first.",
  'search.problem.tooShort': "Type at least {min} letters of the reseller's name.",
  'search.problem.tooLong': 'That is too long for a reseller name: use at most {max} characters.',
  'search.problem.controlCharacters':
    'The name contains characters that cannot be part of a name, such as tabs or line breaks. Please type it again.',

  'confirm.title': 'Confirm your reseller',
  'confirm.intro': 'Link {domain} to this reseller:',
  'confirm.name': 'Reseller',
  'confirm.domain': 'Web domain',
  'confirm.country': 'Country',
  'confirm.permissionsHeader': 'What the app may do',
  'confirm.permissions':
    'The shared-contacts app may view, add, delete and sync the contacts your organisation shares with it. Your Google Workspace admin grants this once for everyone when installing the app. {reseller} then looks after your subscription.',
  'confirm.share': 'Share contacts now',
  'confirm.changed':
    "This reseller's details have changed since you chose it. Please check them and confirm again.",
  'common.back': 'Back',
  /** Stands in for {date} when a stored date is no moment at all; it follows 'on' and 'Since'. */
  'date.unknown': 'an unknown date',

  'status.title': 'Your reseller',
  'status.resellerIntro': '{domain} buys Google Workspace through:',
  'status.directIntro': '{domain} buys Google Workspace directly, without a reseller.',
  'status.since': 'Since {date}',
  'status.setBy.you': 'Set by you',
  'status.setBy.colleague': 'Set by a colleague',
  'status.setBy.support': 'Set by our support team',
  'status.requestChange': 'Request a change',
  'status.haveReseller': 'We have a reseller',
  'status.pending': 'Change requested on {date}. Our support team will get back to you.',
  'status.unknownReseller': 'A reseller that is no longer in our list ({id})',
  'status.unreadableReseller': 'Your reseller ({id}); its name cannot be shown right now',

  'change.title': 'Request a change',
  'change.intro':
    'Tell our support team what should change, for example the name of your new reseller. They check every request and reply by email.',
  'change.label': 'What should change?',
  'change.hint': 'At least {min} characters',
  'change.send': 'Send request',
  'change.sent': 'Your request was sent to our support team.',
  'change.alreadyPending':
    'A change request is already waiting for our support team (sent on {date}). Nothing was added.',
  'change.noReseller': '{domain} has no reseller to change. Nothing was sent.',
  'change.problem.empty': 'Please tell us what should change.',
  'change.problem.tooShort':
    'Please write a little more (at least {min} characters) so that support can help.',
  'change.problem.tooLong': 'Please keep it to at most {max} characters.',
  'change.problem.controlCharacters':
    'The text contains characters that cannot be saved. Please type it again.',

  'notice.saved': 'Saved: {domain} is now linked to {reseller}.',
  'notice.direct': 'Saved: {domain} buys directly.',
  'notice.alreadyBound':
    'A colleague linked {domain} to {reseller} on {date}, so your choice was not saved. If that is wrong, request a change.',
  'notice.alreadyBoundByYou':
    '{domain} is already linked to {reseller}: you chose it earlier, so nothing was changed. To switch, request a change.',
  'notice.alreadyBoundBySupport':
    'Our support team has linked {domain} to {reseller}, so your choice was not saved. If that is wrong, request a change.',
  'notice.unchanged': '{domain} was already linked to {reseller}.',
  'notice.directUnchanged': '{domain} was already recorded as buying directly.',

  'error.busy':
    'Many people are saving at this moment. Nothing was changed: please try again in a few seconds.',
  'error.storeFull':
    'We cannot save anything right now because our storage is full. Nothing was changed. Please write to our support team at {support}.',
  'error.resellerUnavailable':
    'This reseller can no longer be chosen. Nothing was changed: please search again.',
  'error.wrongOrganisation':
    'This card belongs to another organisation or account. Nothing was changed: please reopen the add-on.',
  'error.unexpected': 'Something went wrong. Nothing was changed: please try again.',
  'error.staleCard': 'This card is out of date. Nothing was changed: please reopen the add-on.',
  'error.directoryUnreadable':
    'The list of resellers cannot be read right now, so nothing was saved. Our support team has been told. Please try again later, or write to them at {support}.',
  'error.storeDamaged':
    'We cannot save anything right now because some of our stored data needs repair. Nothing was changed. Please write to our support team at {support}.',
  'recordProblem.title': 'Your organisation needs our support',
  'recordProblem.text':
    "We cannot read what is stored for {domain}, so we will not ask again or change anything: that could overwrite your organisation's answer. Nothing was changed. Please write to our support team at {support}; they will check and correct it.",

  'personal.title': 'Personal account',
  'personal.text':
    'You are signed in with a personal Google account ({email}). Resellers sell Google Workspace to organisations, so there is nothing to link for a personal account. Open Gmail with your work account to continue.',
  'hidden.title': 'We cannot see your account',
  'hidden.text':
    "Your organisation's settings hide your email address from add-ons, so we cannot tell which organisation you belong to. Nothing was saved. Ask your Google Workspace admin about it, or write to our support team at {support}: they can link your organisation to its reseller for you.",
  'support.title': 'Support',
  'support.find.header': 'Find an organisation',
  'support.find.label': 'Domain of the organisation',
  'support.find.hint': 'For example: kunde-gmbh.de (also for customers who wrote from another address)',
  'support.find.button': 'Show organisation',
  'support.find.badDomain': '“{domain}” is not a domain. Type it like kunde-gmbh.de.',
  'support.queue.header': 'Open change requests',
  'support.queue.empty': 'No change request is waiting.',
  'support.queue.item': '{domain}, since {date}',
  'support.sync.header': 'Sync with the backing Sheet',
  'support.sync.last': 'Last run: {date}',
  'support.sync.never': 'The sync has not run yet: ask the owner to run setup and add its trigger.',
  'support.sync.late': 'The sync has not run since {date}: ask the owner to check its trigger.',
  'support.sync.waiting': 'Changes waiting for the Sheet: {count}',
  'support.sync.now': 'Sync now',
  'support.sync.requested': 'The sync will read the Sheet on its next run (within {minutes} minutes).',
  'support.store.fill': 'Stored data: {percent}% of the 500 KB store',
  'support.store.warning':
    'The store is {percent}% full. Ask the owner to drain it (the sync) or to move to the larger store before it fills up.',
  'support.org.none': '{domain} has not answered yet.',
  'support.org.direct': '{domain} buys Google Workspace directly.',
  'support.org.reseller': 'Reseller: {name}',
  'support.org.source.user': 'Set by a user of the organisation on {date}',
  'support.org.source.support': 'Set by support on {date}',
  'support.org.pending': 'A change request is waiting since {date}.',
  'support.org.unreadable':
    'The stored record of {domain} cannot be read. Nothing can be changed until it is repaired.',
  'support.assign.header': 'Assign or correct the reseller',
  'support.assign.label': 'Reseller',
  'support.assign.hint': 'Type the name and pick a suggestion, or type the reseller id (R-00012).',
  'support.assign.reason': 'Reason (for the Audit tab)',
  'support.assign.reasonHint': 'Required, e.g. “Contract signed with Müller IT on 1 Dec”.',
  'support.assign.save': 'Save assignment',
  'support.assign.saved': 'Saved: {domain} is now linked to {name}.',
  'support.assign.noReseller': 'No approved reseller matches “{query}”. Pick one of the suggestions.',
  'support.assign.noReason': 'Give a reason: it goes into the Audit tab.',
  'support.message.personal':
    'The sender writes from a personal account ({email}), which belongs to no organisation. Find the organisation by its domain.',
  'support.message.unknown': 'The sender of this email cannot be read. Find the organisation by its domain.',
  'status.answer.approved': 'Our support team approved your change request on {date}:',
  'status.answer.rejected': 'Our support team answered your change request on {date}:',
  'support.answer.button': 'Answer without a change',
  'support.answer.saved': 'Answered: the users of {domain} see your answer when they next open the add-on.',
  'support.answer.none': 'No request of {domain} is waiting any more.',
  'support.answer.noAnswer': 'Write the answer the customer will read in the Reason field.',
  'support.org.linkedTo': '{domain} belongs to the organisation {organisation}: its users share that answer.',
  'support.org.open': 'Show {organisation}',
  'support.org.domains': 'Other domains of this organisation:',
  'support.link.header': 'Other domains of the organisation',
  'support.link.label': 'Organisation that {domain} belongs to',
  'support.link.hint': 'The domain the organisation answered with, e.g. kunde-gmbh.de',
  'support.link.replaces': 'The answer {domain} has of its own is replaced; the Audit tab keeps it.',
  'support.link.button': 'Add {domain} to it',
  'support.link.saved': '{domain} now belongs to {organisation}.',
  'support.link.unchanged': '{domain} already belongs to {organisation}.',
  'support.link.noOrganisation':
    '{organisation} has not answered yet: assign its reseller first, then add {domain}.',
  'support.link.sameDomain': 'That is {domain} itself: type the domain of the organisation it belongs to.',
  'support.link.hasLinks': '{domain} has other domains of its own ({links}): remove them from it first.',
  'support.link.tooMany':
    '{organisation} already has {max} other domains, the most one organisation can have.',
  'support.link.isReseller':
    '{domain} is a reseller’s domain (or applied to become one): it keeps its own record.',
  // Support's side of the reseller programme (src/ui/support/programme.ts)
  'support.programme.header': 'Reseller programme',
  'support.programme.open': 'Open',
  'support.programme.queue.group': '{status} ({count})',
  'support.programme.queue.more': 'and {count} more: find them by their domain above.',
  'support.programme.queue.empty': 'No application or reseller is waiting for a step.',
  'support.programme.status.applied': 'Applied',
  'support.programme.status.agreement_sent': 'Agreement sent',
  'support.programme.status.agreement_signed': 'Agreement signed',
  'support.programme.status.approved': 'Approved',
  'support.programme.status.rejected': 'Rejected',
  'support.programme.status.suspended': 'Suspended',
  'support.programme.apply': 'Apply',
  'support.programme.sendAgreement': 'Send agreement',
  'support.programme.markSigned': 'Mark agreement signed',
  'support.programme.approve': 'Approve',
  'support.programme.reject': 'Reject',
  'support.programme.suspend': 'Suspend',
  'support.programme.reinstate': 'Reinstate',
  'support.programme.label.status': 'Status',
  'support.programme.label.domain': 'Domain',
  'support.programme.label.id': 'Reseller id',
  'support.programme.label.contact': 'Contact',
  'support.programme.label.agreement': 'Signed agreement',
  'support.programme.since': 'since {date}',
  'support.programme.contact.unknown': 'not known yet (it reaches the Resellers tab with the next sync)',
  'support.programme.agreement.recorded': 'recorded on {date}',
  'support.programme.steps.header': 'Next step',
  'support.programme.reason.label': 'Reason (for the Audit tab)',
  'support.programme.reason.hint': 'Required for Reject and Suspend.',
  'support.programme.reason.reject':
    'Give a reason for the rejection: it goes into the Audit tab. Nothing was changed.',
  'support.programme.reason.suspend':
    'Give a reason for the suspension: it goes into the Audit tab. Nothing was changed.',
  'support.programme.rejected': 'The application was rejected. The company may apply again.',
  'support.programme.mail.header': 'Agreement mail',
  'support.programme.mail.now': 'Recorded as sent. Now write the mail and send it from your mail program:',
  'support.programme.mail.again': 'The mail with the agreement, to send (again) from your mail program:',
  'support.programme.mail.button': 'Write the agreement mail',
  'support.programme.mail.to': 'To: {email}',
  'support.programme.mail.noContact':
    'No contact address is known: add it in the Resellers tab’s “Contact emails”, or type it in the mail.',
  'support.programme.mail.attach':
    'The Settings tab has no agreementLink: attach the agreement PDF to the mail before you send it.',
  'support.programme.mail.reply':
    'When the signed PDF comes back, open that email: this sidebar offers “Mark agreement signed”.',
  'support.programme.mail.subject': 'Reseller agreement for {company}',
  'support.programme.mail.text.link':
    'Hello {contactName},\n\nthank you for applying to become a reseller of Reseller Connect with {domain}. Please sign the reseller agreement at {link} and send the signed agreement back to us as a PDF, in reply to this email.\n\nKind regards',
  'support.programme.mail.text.attach':
    'Hello {contactName},\n\nthank you for applying to become a reseller of Reseller Connect with {domain}. Please sign the attached reseller agreement and send it back to us as a PDF, in reply to this email.\n\nKind regards',
  'support.programme.attachments.header': 'PDF files of this email',
  'support.programme.attachments.none':
    'This email carries no PDF file. The signed agreement comes back as a PDF attachment.',
  'support.programme.size.bytes': '{count} bytes',
  'support.programme.size.kb': '{count} KB',
  'support.programme.size.mb': '{count} MB',
  'support.programme.saved': 'Saved: {domain} is now “{status}”.',
  'support.programme.saved.sent': 'Recorded: the agreement is sent to {domain}. Write the mail and send it.',
  'support.programme.saved.signed': 'Recorded: {domain} signed the agreement ({name}).',
  'support.programme.needs.agreementSent': '{step} needs the agreement sent first. Nothing was changed.',
  'support.programme.needs.agreementSigned': '{step} needs a signed agreement first. Nothing was changed.',
  'support.programme.refused.already': 'It is “{status}” already. Nothing was changed.',
  'support.programme.refused.rejected':
    '{step} is not possible: the application was rejected. Nothing was changed.',
  'support.programme.refused.from': '{step} is not possible while it is “{status}”. Nothing was changed.',
  'support.programme.unknown': '{domain} has neither applied nor is it a reseller.',
  'support.unlink.button': 'Remove',
  'support.unlink.saved':
    '{domain} no longer belongs to {organisation}: its users will be asked for their own answer.',
  'support.unlink.notLinked': '{domain} does not belong to {organisation} any more.',
  'auth.title': 'One permission is missing',
  'auth.intro.one': 'Reseller Connect cannot go on without this permission:',
  'auth.intro.many': 'Reseller Connect cannot go on without these permissions:',
  'auth.self.header': 'If you installed Reseller Connect yourself',
  'auth.self.text':
    'Grant it once: Google shows its permission screen, and the add-on continues where it stopped.',
  'auth.self.button': 'Grant access',
  'auth.admin.header': 'If your organisation’s admin installed it for everyone',
  'auth.admin.text':
    'Ask your Google Workspace admin to grant access: Admin console › Apps › Google Workspace Marketplace apps › Apps list › Reseller Connect › Grant access. After an update that needs a new permission, the app’s data access there reads “Partially granted” until the admin does so.',
  'auth.retry': 'Try again',
  'scope.email.what': 'See your email address',
  'scope.email.why': 'It tells Reseller Connect which organisation you belong to.',
  'scope.locale.what': 'See your language setting',
  'scope.locale.why': 'For texts in your language where Gmail does not say it.',
  'scope.message.what': 'See the email you have open (its sender, subject and attachments’ names)',
  'scope.message.why':
    'Only when our support team opens an email: it shows the sender’s organisation, and records a reseller’s signed agreement. Never the text or a file’s content.',
  'scope.sheet.what': 'See and edit the one spreadsheet Reseller Connect created',
  'scope.sheet.why':
    'Only for the vendor’s own account: it keeps the record in that spreadsheet. No other file is reached.',
  'scope.other': 'A permission this version needs: {scope}',
  'reseller.claim.text':
    'Already one of our resellers? Your reseller view shows your customers and lets you invite new ones.',
  'reseller.claim.button': 'Open my reseller view',
  'reseller.claim.done': 'Welcome: this is your reseller view.',
  'reseller.claim.none':
    'We found no reseller with your domain or with {email} among its contacts. Ask our support team at {support} to add your address to your reseller’s contacts.',
  'question.colleagues': 'Colleagues don’t have Reseller Connect?',
  'reseller.title': 'Your customers',
  'reseller.intro':
    'The organisations that chose {reseller} as their Google Workspace reseller, or that our support team assigned to it.',
  'reseller.unknownName': 'Reseller {id}',
  'reseller.count.customers': 'Customers',
  'reseller.count.pending': 'Change requests waiting',
  'reseller.count.bySource':
    '{user} chose you · {invitation} with your invitation · {support} set by our support team',
  'reseller.asOf.now': 'List as of just now',
  'reseller.asOf.minutes': 'List as of {minutes} min ago',
  'reseller.refresh': 'Refresh list',
  'reseller.invite': 'Invite a customer',
  'reseller.suspended':
    '{reseller} is suspended: customers cannot choose it at the moment, and invitations are paused. Your customers keep their assignment. Questions? Write to {support}.',
  'reseller.pending.header': 'Change requests waiting',
  'reseller.pending.intro': 'These customers asked our support team to change their reseller:',
  'reseller.pending.item': 'Change requested on {date}',
  'reseller.pending.more': '… and {count} more, marked in the list below.',
  'reseller.customers.header': 'Customers {from}–{to} of {count}',
  'reseller.customers.none':
    'No customers yet. Invite one with a code: the customer enters it in Reseller Connect and confirms.',
  'reseller.customer.since': 'Since {date}',
  'reseller.source.user': 'chose you',
  'reseller.source.support': 'set by our support team',
  'reseller.source.invitation': 'with your invitation',
  'reseller.customer.pending': 'change requested on {date}',
  'reseller.page.next': 'Next',
  'reseller.page.previous': 'Previous',
  'invite.title': 'Invite a customer',
  'invite.intro':
    'Send this code to your customer. They enter it in Reseller Connect (in the Gmail sidebar) and confirm {reseller} as their reseller. The code is valid until {date}.',
  'invite.code': 'Invitation code',
  'invite.mailLabel': 'Mail text to copy',
  'invite.mail':
    'Hello,\n\nplease link your organisation to {reseller} as its Google Workspace reseller in Reseller Connect: open Reseller Connect in the Gmail sidebar, enter the code {code} under “Have an invitation code?” and confirm.\n\nThe code is valid until {date}.\n\nBest regards\n{sender}',
  'invite.created': 'Invitation code created.',
  'invite.tooMany':
    'You have {max} open invitations. A new one can be made when one of them expires (the next on {date}).',
  'invite.suspended': 'Invitations are paused while {reseller} is suspended.',
  'invitation.label': 'Have an invitation code?',
  'invitation.hint': 'The 8-character code from your reseller, e.g. ABCD-EFGH',
  'invitation.button': 'Use code',
  'invitation.problem.malformed':
    'That is not an invitation code: it has 8 letters and digits, such as ABCD-EFGH. Please check it.',
  'invitation.problem.unknown':
    'There is no invitation with the code {code}. Please check it, or ask your reseller for a new one.',
  'invitation.problem.expired':
    'The invitation code {code} expired on {date}. Please ask your reseller for a new one.',
  'invitation.problem.unavailable':
    'The reseller who sent the code {code} cannot be chosen at the moment. Please ask them, or choose your reseller by name.',
  'confirm.invitation': 'You were invited with the code {code}.',
  'status.viaInvitation': 'with the reseller’s invitation',
  'help.title': 'Help',
  'help.what':
    'Reseller Connect links your organisation to the Google Workspace reseller who looks after its shared-contacts subscription. One answer counts for everyone at the organisation; after that, everyone sees it and can ask for a change.',
  'help.install.header': 'For everyone at your organisation',
  'help.install.text':
    'If only you see Reseller Connect in Gmail, your Google Workspace admin can install it for everyone: in the Google Workspace Marketplace, open Reseller Connect and choose Admin install. The admin grants its permissions once for the whole organisation.',
  'help.install.orgUnit':
    'Colleagues still without it? In the Admin console, Apps › Google Workspace Marketplace apps › Apps list › Reseller Connect, the admin sets “Turn on for” everyone or for their organisational units. Changes can take up to 24 hours.',
  'help.permissions.header': 'Permissions',
  'help.permissions.intro': 'Reseller Connect asks for these permissions, each for one purpose:',
  'help.support': 'Questions? Write to our support team at {support}.',
  'apply.title': 'Become a reseller',
  'apply.intro':
    'Do you sell Google Workspace? Apply to sell our shared-contacts app too. Our team checks your application, sends you the reseller agreement by email, and approves you once the signed agreement is back.',
  'apply.company': 'Company name',
  'apply.company.hint': 'As customers know it, e.g. Müller IT GmbH',
  'apply.domain': 'Google Workspace domain',
  'apply.domain.note': 'An application is always for the domain of the account you are signed in with.',
  'apply.contactName': 'Contact name',
  'apply.contactEmail': 'Contact email',
  'apply.contactEmail.hint': 'An address at {domain}: we send the agreement there.',
  'apply.country': 'Country',
  'apply.country.hint': 'Two-letter code, e.g. DE (Germany), AT (Austria), CH (Switzerland)',
  'apply.website': 'Website (optional)',
  'apply.website.hint': 'The whole address, e.g. https://www.{domain}',
  'apply.message': 'Message to our team (optional)',
  'apply.message.hint': 'At most {max} characters',
  'apply.send': 'Send application',
  'apply.problems.one': 'Nothing was sent yet: please correct the field marked below.',
  'apply.problems.many': 'Nothing was sent yet: please correct the {count} fields marked below.',
  'apply.problem.company.missing': 'Type the name of your company.',
  'apply.problem.contactName.missing': 'Type the name of the person we should contact.',
  'apply.problem.contactEmail.missing': 'Type the email address we should send the agreement to.',
  'apply.problem.missing': 'Please fill this in.',
  'apply.problem.tooLong': 'This is too long: use at most {max} characters (it has {count}).',
  'apply.problem.badDomain':
    '{domain} is not a domain we can accept for an application. Apply from your company’s Google Workspace account.',
  'apply.problem.personalDomain':
    'A personal Google account cannot apply: apply from your company’s Google Workspace account.',
  'apply.problem.badEmail': 'This is not an email address. Type it like name@{domain}.',
  'apply.problem.emailNotInDomain':
    'Use an address at {domain}, so that we know the application comes from your company.',
  'apply.problem.badCountry': 'Type the two-letter country code, e.g. DE for Germany.',
  'apply.problem.badWebsite':
    'Type the whole web address, starting with https://, e.g. https://www.{domain}.',
  'apply.personal.title': 'Apply with your company account',
  'apply.personal.text':
    'You are signed in with a personal Google account ({email}). A reseller applies from its company’s Google Workspace account, because the application is for the company’s domain. Open Gmail with your work account and choose “Become a reseller” there.',
  'apply.hidden.text':
    'Your organisation’s settings hide your email address from add-ons, so we cannot tell which company would apply. Apply from your company’s Google Workspace account once your admin allows it, or write to our support team at {support}.',
  'apply.status.title': 'Your reseller application',
  'apply.status.applied':
    'We have received the application of {domain}. Our team will check it and send you the reseller agreement by email.',
  'apply.status.agreement_sent':
    'We have sent you the reseller agreement: please check your inbox, sign it and send the signed PDF back to us.',
  'apply.status.agreement_signed': 'We have received your signed agreement and are reviewing it now.',
  'apply.status.rejected': 'Our team has not accepted the application of {domain}.',
  'apply.status.approved': '{domain} is already one of our resellers: there is nothing to apply for.',
  'apply.status.suspended':
    '{domain} is one of our resellers, but its reseller account is suspended at the moment. Please write to our support team at {support}.',
  'apply.thanks':
    'Thank you: we have received the application of {domain}. Our team will send you the agreement at {email}.',
  'apply.again': 'You may apply again:',
  'apply.section': 'Your reseller application: {status}',
  'apply.word.applied': 'received, our team will send you the agreement',
  'apply.word.agreement_sent': 'agreement sent, please check your inbox',
  'apply.word.agreement_signed': 'agreement signed, we are reviewing it',
  'apply.word.rejected': 'not accepted',
  'apply.sent': 'Application sent. Thank you!',
  'apply.alreadyOpen': '{domain} has already applied, so nothing was sent again.',
  'apply.alreadyReseller': '{domain} is already one of our resellers, so nothing was sent.',
  'apply.linked.title': 'Apply from your organisation’s domain',
  'apply.linked.text':
    '{domain} belongs to the organisation {organisation} in our records, so it cannot apply on its own. Apply from an account at {organisation}, or write to our support team at {support}.',
  'apply.linked.notice': 'Nothing was sent: {domain} belongs to {organisation}.',
  'apply.unreadable':
    'We cannot read what is stored for {domain}, so no application can be sent right now. Nothing was changed. Please write to our support team at {support}.',
  'support.auth.header': 'Missing permissions',
  'support.auth.item': '“{permission}”: refused (count: {count}), last on {date}',
  'support.auth.hint':
    'Users whose admin has not granted a permission of this version yet (or who unticked it) cannot be identified; their admin must grant access in the Admin console.',

  // Store unavailable (issue 11)
  'unavailable.title': 'Temporarily unavailable',
  'unavailable.text':
    'Reseller Connect cannot reach its data at the moment. Nothing was changed. Please try again in a few minutes.',
  'unavailable.unknown':
    'Your last step may or may not have been saved: the answer was lost on the way. Open the add-on again in a few minutes to see what is stored; nothing is ever saved twice.',
  'unavailable.notice': 'Temporarily unavailable. Nothing was changed: please try again in a few minutes.',
  'unavailable.retry': 'Try again',
  'unavailable.support.title': 'Data store unavailable',
  'unavailable.support.credentials':
    'Firestore refused the service account’s sign-in. The key in Script Property f:config may be wrong, deleted or revoked, or the account may have lost its Firestore role (Cloud Datastore User). Create a new JSON key for the service account in the Google Cloud console, put its client_email and private_key into f:config (Project Settings › Script Properties), then open the add-on again.',
  'unavailable.support.configuration':
    'Script Property f:config cannot be read, so the add-on does not know where its data is. Correct it in Project Settings › Script Properties: a JSON object with projectId, clientEmail and privateKey (see the README, “Cloud Firestore”), then open the add-on again.',
  'unavailable.support.overloaded':
    'Firestore kept answering “overloaded” or “unavailable” (HTTP 429 or 5xx), also after the add-on’s retries. This usually passes within minutes; if it lasts, check the project’s Firestore quotas and Google Cloud’s status page.',
  'unavailable.support.unreachable':
    'Firestore could not be reached: the requests timed out or were refused, also after the add-on’s retries. If it lasts, check Google Cloud’s status page.',
  'unavailable.support.unknown':
    'A change was being saved when the answer was lost: it may or may not be stored (never twice). Check the organisation’s record once Firestore answers again.',
  'unavailable.support.customers':
    'Until then customers see “temporarily unavailable” and nothing is changed.',
  'unavailable.support.detail': 'What Firestore said: {detail}',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = { readonly [K in MessageKey]: string };
