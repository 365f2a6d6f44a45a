/** The app's semantic version, sent in `hello` (the server may suggest or require an update). */
export const APP_VERSION = "0.1.0";
