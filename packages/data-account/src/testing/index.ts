export * from "./oidc-issuer.js";
