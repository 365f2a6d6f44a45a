export { openAccountComponent, type AccountComponentOptions } from "./account-component.js";
export type { AccountContext } from "./context.js";
export type { Account } from "./cache/account-entity.js";
export type { Session } from "./cache/session-entity.js";
export { presentAccountState } from "./account-state-presenter.js";
export { register } from "./operations/register.js";
export { login } from "./operations/login.js";
export { setAccountLanguage } from "./operations/set-language.js";
export { refresh } from "./operations/refresh.js";
export { endSession, type TokenPair } from "./operations/sessions.js";
export { listDevices, signOutDevice } from "./devices/devices.js";
export { judgeClient, type ClientVersionVerdict } from "./devices/client-version.js";
export { authenticateHttp, authenticateHello, type Authenticated } from "./operations/authenticate.js";
export { rotateAccessTokenIfDue, attachConnection, detachConnection } from "./operations/connect.js";
export { saveSetup, completeSetup, setupAnswers, type SetupAnswers } from "./operations/setup.js";
export {
  registerBot,
  loginBot,
  remoteBotLogin,
  requireRemoteBotLoginOpen,
  allowedAddresses,
} from "./operations/bot-sign-in.js";
export { notifyModerators } from "./operations/notify-moderators.js";
export { presentAdminAccount, presentAdmins } from "./admin-account-presenter.js";
export { accountById, accountByEmail } from "./operations/find-account.js";
export { setPermissions } from "./operations/permissions.js";
export { banAccount, unbanAccount, liftExpiredBans } from "./operations/ban.js";
export { lockAccount, unlockAccount, logoutEverywhere } from "./operations/lock.js";
export { endInactiveSessions } from "./operations/inactive-sessions.js";
export { recordAdminAction, auditPage, type AuditPageRequest } from "./operations/audit-log.js";
export type { AdminAction } from "./audit-entry.js";
export { requireRouteOpen } from "./operations/route-access.js";
export { runtimeFlag, setRuntimeFlag, clientConfig } from "./operations/runtime-flags.js";
export { signInProviders } from "./operations/sign-in-providers.js";
export { resetPassword, type PasswordReset } from "./operations/reset-password.js";
export { changePassword } from "./operations/change-password.js";
export type { RuntimeFlagStore } from "./runtime-flag-store.js";
export type { Deletion } from "./cache/account-entity.js";
export { requestDeletion, cancelDeletion } from "./deletion/request-deletion.js";
export {
  markDeleting,
  removeAccountRow,
  dueDeletions,
  unfinishedDeletions,
} from "./deletion/remove-account.js";
export { DataExports } from "./data-export/data-exports.js";
export { oidcSignIn } from "./operations/oidc-sign-in.js";
export { linkOidc, unlinkOidc } from "./operations/oidc-link.js";
export { requestEmailLogin, verifyEmailLogin } from "./operations/email-login.js";
export { confirmPasswordReset, requestPasswordReset } from "./operations/password-reset.js";
export {
  resendVerification,
  requestEmailChange,
  cancelEmailChange,
  confirmEmailCode,
  confirmEmailLink,
} from "./operations/email-verification.js";
export { pruneSignInCodes } from "./operations/prune-sign-in-codes.js";
export { presentSignInMethods } from "./sign-in-methods-presenter.js";
export { CONFIRM_LINK_PATH } from "./sign-in/verification-mail.js";
export { MailTemplates, templateProblems, DEFAULT_TEMPLATES_FILE } from "./mail/mail-templates.js";
export { OidcVerifier } from "./oidc/oidc-verifier.js";
export type { VerifiedIdentity } from "./oidc/verified-identity.js";
export type { NewsEntry } from "./news/news-board.js";
export {
  createNews,
  editNews,
  publishNews,
  unpublishNews,
  deleteNews,
  listAdminNews,
} from "./news/news-admin.js";
export { newsPage, newsBanner, markNewsSeen } from "./news/news-reading.js";
export { sendCustomEmail, unsubscribeCustomEmail } from "./mail/custom-mail.js";
export { tidyUnusedAccounts } from "./tidy-up/unused-accounts.js";
export { deletionReminderProblem, remindOfDeletions } from "./deletion/deletion-reminders.js";
export { queueReminderMail } from "./mail/reminder-mail.js";
