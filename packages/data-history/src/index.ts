export { openHistoryComponent, type HistoryComponentOptions } from "./history-component.js";
export type { HistoryContext, HistorySources } from "./context.js";
export { HourlyRecorder } from "./hourly-recorder.js";
export { recordRequest, recordAddress, sampleNow } from "./operations/record.js";
export { storeHours, flushAccountHistory } from "./operations/store-history.js";
export { hourlyHistory } from "./operations/hourly-history.js";
export { apiUsage, ipHistory } from "./operations/account-history.js";
export { pruneHistory } from "./operations/prune-history.js";
export { forgetAccountHistory } from "./operations/forget-account.js";
