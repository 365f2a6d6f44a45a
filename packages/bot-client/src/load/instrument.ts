import type { HttpApi, HttpAnswer } from "../http-api.js";
import { VenusApiError } from "../venus-api-error.js";
import type { SocketAnswer, VenusSocket } from "../venus-socket.js";
import type { LoadObserver } from "./load-observer.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path with its ids (UUIDs, numbers) replaced by `:id`, so one route is one row: `/profile/:id`. */
export function routeTemplate(path: string): string {
  const [bare = path] = path.split("?", 1);
  return bare
    .split("/")
    .map((segment) => (UUID.test(segment) || /^\d+$/.test(segment) ? ":id" : segment))
    .join("/");
}

/** The routes that send a message, and so start the message clock. */
const SEND_ROUTES = new Set(["POST /chat/messages", "ws chat.send"]);

function refusalCode(status: number, body: () => unknown): string | undefined {
  if ((status >= 200 && status < 300) || status === 304) return undefined;
  return `${status} ${VenusApiError.fromAnswer(status, body()).code}`;
}

function parsed(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.bytes.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Times one request through the observer and, for a message send, starts the message clock when it
 * leaves and tells the clock how it was answered.
 */
function observe<T>(
  observer: LoadObserver,
  sender: string | undefined,
  route: string,
  body: unknown,
  call: () => Promise<T>,
  refusal: (answer: T) => string | undefined,
): Promise<T> {
  const uuid = (body as { uuid?: unknown } | undefined)?.uuid;
  if (sender === undefined || typeof uuid !== "string" || !SEND_ROUTES.has(route))
    return observer.timed(route, call, refusal);
  observer.clock.sending(sender, uuid, performance.now());
  return observer.timed(
    route,
    async () => {
      try {
        const answer = await call();
        observer.clock.answered(sender, uuid, refusal(answer) === undefined);
        return answer;
      } catch (error) {
        observer.clock.answered(sender, uuid, false);
        throw error;
      }
    },
    refusal,
  );
}

/**
 * Times every call of this HttpApi (as `<VERB> <route>`). The calls of the client's method groups
 * all go through `exchange`, so replacing it on the instance sees each of them.
 */
export function instrumentHttp(http: HttpApi, observer: LoadObserver, sender?: string): void {
  const exchange = http.exchange.bind(http);
  http.exchange = (call) =>
    observe(
      observer,
      sender,
      `${call.method} ${routeTemplate(call.path)}`,
      call.json,
      () => exchange(call),
      (answer) => refusalCode(answer.status, () => parsed(answer)),
    );
}

/** Times every request on this socket (as `ws <method>`); typed requests all go through `requestRaw`. */
export function instrumentSocket(socket: VenusSocket, observer: LoadObserver, sender: string): void {
  const requestRaw = socket.requestRaw.bind(socket);
  socket.requestRaw = (method, body, options) =>
    observe(
      observer,
      sender,
      `ws ${method}`,
      body,
      () => requestRaw(method, body, options),
      (answer: SocketAnswer) => refusalCode(answer.status, () => answer.body),
    );
}
