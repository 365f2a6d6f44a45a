export * from "./errors.js";
export * from "./ids.js";
export * from "./account/account-state.js";
export * from "./account/account-requests.js";
export * from "./ws/frames.js";
export * from "./config/venus-config.js";
export * from "./flags.js";
