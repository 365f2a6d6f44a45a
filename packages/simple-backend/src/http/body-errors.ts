/** A request body (or its declared length) over the route's limit. */
export class BodyTooLargeError extends Error {
  constructor() {
    super("request body too large");
    this.name = "BodyTooLargeError";
  }
}

/** The client closed the connection before its request body arrived: there is no one to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super("the client closed the connection before its request body arrived");
    this.name = "ClientGoneError";
  }
}
