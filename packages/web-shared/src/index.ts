export { ApiClient } from "./api-client.js";
export { ApiError } from "./api-error.js";
export { Backoff } from "./backoff.js";
export { ConfirmButton } from "./confirm-button.js";
export { LiveSocket, type EventData, type SocketStatus } from "./live-socket.js";
export { Session, type SessionOptions } from "./session.js";
export { SignInForm } from "./sign-in-form.js";
export { TokenStore } from "./tokens.js";
export { useHashRoute } from "./use-hash-route.js";
