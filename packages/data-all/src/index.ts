export type { Components } from "./components.js";
export { saveSetup, completeSetup } from "./setup.js";
export { canView, viewProfile, isActive } from "./view-profile.js";
export { favorite } from "./favorites.js";
export { runDailyTask, type DailyTaskReport } from "./daily-task.js";
export { uploadContent, viewProfileContent, contentForViewer } from "./media.js";
export { startBrowsing } from "./browse.js";
export { runAutomaticSearches, automaticSearchResultsOf } from "./automatic-search.js";
export {
  likeProfile,
  sendChatMessage,
  markSeenBy,
  typingTo,
  receivedLikesOf,
  matchesPageOf,
  blockAccount,
} from "./chat.js";
export { banProfileAccount, unbanProfileAccount, activateAccount } from "./account-bans.js";
export { serverCounts } from "./server-counts.js";
export { reportProfileText, reportImage } from "./reports.js";
export { decideReportOf, spamBanDue } from "./report-decision.js";
export {
  requestAccountDeletion,
  cancelAccountDeletion,
  deleteAccountNow,
  finishInterruptedDeletions,
} from "./deletion/delete-account.js";
export {
  observeDeletionSteps,
  DELETION_STEPS,
  type DeletionStep,
  type DeletionStepObserver,
  type AllComponents,
} from "./deletion/deletion-steps.js";
export { requestDataExport, dataExportStatus, downloadDataExport } from "./export/data-export.js";
export { restoreExports } from "./export/export-files.js";
export { videoCallWith } from "./video-call.js";
export { sendDueReminders } from "./reminders.js";
