export type { Components } from "./components.js";
export { saveSetup, completeSetup } from "./setup.js";
export { canView, viewProfile, isActive } from "./view-profile.js";
export { favorite } from "./favorites.js";
export { runDailyTask, type DailyTaskReport } from "./daily-task.js";
export { uploadContent, viewProfileContent, contentForViewer } from "./media.js";
export { startBrowsing } from "./browse.js";
export {
  likeProfile,
  sendChatMessage,
  markSeenBy,
  typingTo,
  receivedLikesOf,
  matchesPageOf,
  blockAccount,
} from "./chat.js";
export { banProfileAccount, unbanProfileAccount } from "./account-bans.js";
