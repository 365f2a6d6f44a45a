import { CLOSE_CODES, PROTOCOL_VERSION } from "@venus/model";
import { SchemaComponents } from "@venus/simple-backend";
import { wsMessages } from "./asyncapi-messages.js";
import { modelSchemaNames } from "./openapi-document.js";

const CLOSE_CODE_MEANINGS: Record<keyof typeof CLOSE_CODES, string> = {
  protocolError: "a frame broke the protocol (an error frame said which)",
  authFailed: "the hello's token was refused (invalid_token or token_expired)",
  helloTimeout: "no hello within websocket.hello_timeout_seconds",
  replaced: "a newer connection of the same session took over",
  loggedOut: "the session ended (disconnect frame says why): sign in again",
  clientUpdateRequired:
    "the client version is below the minimum for its kind (details.min_version): update the app",
  rateLimited: "too many frames",
  internalError: "the server failed while opening the session: reconnect later",
  shuttingDown: "the server is going down; reconnect with back-off",
};

const DESCRIPTION = `One WebSocket per signed-in device. The first frame is \`hello\` (the access token, protocol ${PROTOCOL_VERSION}, the client and the versions of what it has cached); the server answers \`welcome\`, sends what changed, then pushes events. \`request\` frames call some HTTP routes over the socket and get a \`response\` with the same id. Frames are JSON text; a client that asks for the \`msgpack\` subprotocol (Sec-WebSocket-Protocol) sends and gets binary msgpack frames of the same shapes. Close codes: ${Object.entries(
  CLOSE_CODES,
)
  .map(([name, code]) => `${code} ${CLOSE_CODE_MEANINGS[name as keyof typeof CLOSE_CODES]}`)
  .join("; ")}.`;

/** The AsyncAPI 3 document of `/ws`, served at `/asyncapi.json`, from the same schemas as the server's checks. */
export function asyncApiDocument(version: string, path: string): object {
  const components = new SchemaComponents(modelSchemaNames());
  const messages = wsMessages(components);
  const channelRef = { $ref: "#/channels/ws" };
  const messageRef = (name: string) => ({ $ref: `#/channels/ws/messages/${name}` });
  return {
    asyncapi: "3.1.0",
    info: {
      title: "Venus WebSocket",
      version,
      description: DESCRIPTION,
      license: { name: "MIT", url: "https://opensource.org/licenses/MIT" },
    },
    defaultContentType: "application/json",
    channels: {
      ws: {
        address: path,
        title: "The device's WebSocket",
        messages: Object.fromEntries(
          messages.map((m) => [m.name, { $ref: `#/components/messages/${m.name}` }]),
        ),
        bindings: {
          ws: {
            method: "GET",
            headers: {
              type: "object",
              properties: {
                "Sec-WebSocket-Protocol": {
                  type: "string",
                  enum: ["msgpack"],
                  description: "Ask for binary msgpack frames instead of JSON text.",
                },
              },
            },
            bindingVersion: "0.1.0",
          },
        },
        "x-close-codes": Object.fromEntries(
          Object.entries(CLOSE_CODES).map(([name, code]) => [
            String(code),
            CLOSE_CODE_MEANINGS[name as keyof typeof CLOSE_CODES],
          ]),
        ),
      },
    },
    operations: Object.fromEntries(
      messages
        // A method's response is its request's reply, not an operation of its own.
        .filter((m) => !m.name.startsWith("response.") || m.name === "response.unknown_method")
        .map((m) => [
          m.name.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()),
          {
            action: m.action,
            channel: channelRef,
            summary: m.summary,
            messages: [messageRef(m.name)],
            ...(m.reply ? { reply: { channel: channelRef, messages: [messageRef(m.reply)] } } : {}),
          },
        ]),
    ),
    components: {
      messages: Object.fromEntries(
        messages.map((m) => [
          m.name,
          { name: m.name, title: m.name, summary: m.summary, payload: m.payload },
        ]),
      ),
      schemas: components.schemas(),
    },
  };
}
