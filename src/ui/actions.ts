/**
 * Names of the bundle's top-level functions that cards refer to. Apps Script finds a callback only
 * by its name as a string, so every one of these must be exported from src/index.ts (a bundle test
 * checks that build/Code.js defines each).
 */
export const ACTIONS = {
  homepage: 'onHomepage',
  answerHasReseller: 'onAnswerHasReseller',
  answerDirect: 'onAnswerDirect',
  answerLater: 'onAnswerLater',
  showQuestion: 'onShowQuestion',
  suggestResellers: 'onSuggestResellers',
  searchResellers: 'onSearchResellers',
  pickReseller: 'onPickReseller',
  chooseReseller: 'onChooseReseller',
  confirmReseller: 'onConfirmReseller',
  goBack: 'onGoBack',
  showChangeRequest: 'onShowChangeRequest',
  submitChangeRequest: 'onSubmitChangeRequest',
  supportFind: 'onSupportFind',
  supportAssign: 'onSupportAssign',
  supportSyncNow: 'onSupportSyncNow',
  supportAnswer: 'onSupportAnswer',
  supportLink: 'onSupportLink',
  supportUnlink: 'onSupportUnlink',
  supportReseller: 'onSupportReseller',
  supportTransition: 'onSupportTransition',
  supportMarkSigned: 'onSupportMarkSigned',
  grantAccess: 'onGrantAccess',
  help: 'onHelp',
  resellerInvite: 'onResellerInvite',
  resellerRefresh: 'onResellerRefresh',
  resellerPage: 'onResellerPage',
  useInvitation: 'onUseInvitation',
  showHelp: 'onShowHelp',
  claimResellerRole: 'onClaimResellerRole',
  becomeReseller: 'onBecomeReseller',
  submitApplication: 'onSubmitApplication',
} as const;

export type ActionName = (typeof ACTIONS)[keyof typeof ACTIONS];

/** Form field names, shared by the cards that render them and the handlers that read them. */
export const FIELDS = {
  resellerQuery: 'resellerQuery',
  changeReason: 'changeReason',
  supportDomain: 'supportDomain',
  supportReason: 'supportReason',
  supportOrganisation: 'supportOrganisation',
  invitationCode: 'invitationCode',
  invitationMail: 'invitationMail',
  applicationCompany: 'applicationCompany',
  applicationContactName: 'applicationContactName',
  applicationContactEmail: 'applicationContactEmail',
  applicationCountry: 'applicationCountry',
  applicationWebsite: 'applicationWebsite',
  applicationMessage: 'applicationMessage',
} as const;
