import type { ApiDeps } from "../../api-deps.js";

/** The JSON of one message: its body in base64 (4/3 of the bytes) and room for the other fields. */
export const messageJsonBytes = (deps: ApiDeps): number =>
  Math.ceil(deps.chat.config.chat.max_message_bytes / 3) * 4 + 1024;

/** `details` in JSON: at most 6 bytes (`\uXXXX`) for each of its `reports.details_max_bytes` UTF-8 bytes. */
export const reportDetailsJsonBytes = (deps: ApiDeps): number =>
  deps.chat.config.reports.details_max_bytes * 6;

/** The JSON of a report carrying `chat.report_max_messages` full-size envelopes. */
export const reportJsonBytes = (deps: ApiDeps): number =>
  deps.chat.config.chat.report_max_messages * messageJsonBytes(deps) + reportDetailsJsonBytes(deps) + 1024;
