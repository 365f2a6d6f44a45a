import { Packr } from "msgpackr";
import WebSocket from "ws";
import { WS_REQUEST_METHODS } from "@venus/model";
import { CONTRACT_DIR_ENV } from "./contract-documents.js";
import { ContractRecorder } from "./contract-recorder.js";

/**
 * A vitest setup file: every HTTP answer (through fetch) and every frame a `/ws` socket receives (through
 * `ws`) in this worker is checked against the served documents by a ContractRecorder, whichever client
 * the test uses. Off when the global setup did not provide the documents.
 */
const dir = process.env[CONTRACT_DIR_ENV];
if (dir) {
  const recorder = new ContractRecorder(dir);
  const originalFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await originalFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (
      ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) &&
      recorder.documents(method, url.pathname)
    ) {
      // Read beside the caller, never blocking it: the caller may stream or drop the body.
      const copy = response.clone();
      const type = copy.headers.get("content-type") ?? "";
      const record = (text: string) => {
        const json = type.startsWith("application/json") && text !== "";
        recorder.http(
          method,
          url.pathname,
          response.status,
          type,
          json ? (JSON.parse(text) as unknown) : text,
        );
      };
      // A body that never arrived whole (aborted) is no answer to judge; a failure to judge one is reported.
      void copy.text().then(record, () => undefined);
    }
    return response;
  };

  const packr = new Packr({ useRecords: false });
  const methods = new WeakMap<WebSocket, Map<unknown, string>>();
  // A server-side socket (simple-backend's own tests) has no URL: it is not a client of the API.
  const isApiSocket = (socket: WebSocket) =>
    URL.canParse(socket.url) && new URL(socket.url).pathname === "/ws";
  const originalSend = WebSocket.prototype.send;
  WebSocket.prototype.send = function send(this: WebSocket, data: unknown, ...rest: unknown[]) {
    if (isApiSocket(this)) {
      try {
        const frame = (Buffer.isBuffer(data) ? packr.unpack(data) : JSON.parse(String(data))) as Record<
          string,
          unknown
        >;
        if (frame?.type === "request" && typeof frame.method === "string") {
          if (!methods.has(this)) methods.set(this, new Map());
          methods.get(this)?.set(frame.id, frame.method);
        }
      } catch {
        // A deliberately malformed frame: nothing to remember.
      }
    }
    return (originalSend as (...args: unknown[]) => void).call(this, data, ...rest);
  } as typeof WebSocket.prototype.send;
  const originalEmit = WebSocket.prototype.emit;
  WebSocket.prototype.emit = function emit(this: WebSocket, event: string | symbol, ...args: unknown[]) {
    if (event === "message" && isApiSocket(this)) {
      const [data, isBinary] = args as [Buffer, boolean];
      const frame = (isBinary ? packr.unpack(data) : JSON.parse(data.toString())) as Record<string, unknown>;
      recorder.frame(messageName(frame, methods.get(this)), frame);
    }
    return originalEmit.call(this, event, ...args);
  };
}

/** The AsyncAPI message a server frame must be: by type, event name, or the method of the request answered. */
function messageName(frame: Record<string, unknown>, requests: Map<unknown, string> | undefined): string {
  if (frame.type === "event") return `event.${String(frame.event)}`;
  if (frame.type !== "response") return String(frame.type);
  const method = requests?.get(frame.id);
  return method && (WS_REQUEST_METHODS as readonly string[]).includes(method)
    ? `response.${method}`
    : "response.unknown_method";
}
