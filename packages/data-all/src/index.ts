export type { Components } from "./components.js";
export { saveSetup, completeSetup } from "./setup.js";
export { canView, viewProfile } from "./view-profile.js";
export { favorite } from "./favorites.js";
export { runDailyTask, type DailyTaskReport } from "./daily-task.js";
export { uploadContent, viewProfileContent, contentForViewer } from "./media.js";
