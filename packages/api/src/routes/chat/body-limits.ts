import type { ApiDeps } from "../../api-deps.js";

/** The JSON of one message: its body in base64 (4/3 of the bytes) and room for the other fields. */
export const messageJsonBytes = (deps: ApiDeps): number =>
  Math.ceil(deps.chat.config.chat.max_message_bytes / 3) * 4 + 1024;

/** `details` holds at most 2000 characters; escaped as `\uXXXX` surrogate pairs that is 12 bytes each. */
const REPORT_DETAILS_BYTES = 2000 * 12;

/** The JSON of a report carrying `chat.report_max_messages` full-size envelopes. */
export const reportJsonBytes = (deps: ApiDeps): number =>
  deps.chat.config.chat.report_max_messages * messageJsonBytes(deps) + REPORT_DETAILS_BYTES + 1024;
