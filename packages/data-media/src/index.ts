export { openMediaComponent, type MediaComponentOptions } from "./media-component.js";
export type { MediaContext } from "./context.js";
export type { Content } from "./media-entities.js";
export {
  createImageWorker,
  imageWorkerSettings,
  type ImageWorker,
  type WorkerCommand,
} from "./image-worker-client.js";
export { startUpload, uploadStatus } from "./operations/upload.js";
export { deleteContent } from "./operations/delete-content.js";
export { setProfileContent, setSecuritySelfie, hasSetupMedia } from "./operations/profile-content.js";
export { moderateContent } from "./operations/moderate-content.js";
export { decideVerification } from "./operations/decide-verification.js";
export { presentAdminContent } from "./presenters/admin-content-presenter.js";
export { presentVerificationQueue } from "./presenters/verification-queue-presenter.js";
export { purgeDeletedContent } from "./operations/purge-deleted.js";
export { presentOwnContent } from "./presenters/own-content-presenter.js";
export { presentProfileContent, isPublicProfileImage } from "./presenters/profile-content-presenter.js";
export { presentMediaModerationPage } from "./presenters/moderation-page-presenter.js";
export { contentFile, type ServedFile } from "./content-file.js";
export { removeMediaAccount } from "./operations/delete-account.js";
export { wipeFiles } from "./media-files.js";
export { deleteUnusedContent } from "./operations/tidy-unused-content.js";
