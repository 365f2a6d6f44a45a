import type { RequestCallback, SocketCallbacks, SocketLimits, TransportListener } from "../transport.js";
import type { HttpRequest, HttpResponse, TemplatedApp, Uws, us_listen_socket } from "./native-uws.js";
import { UwsRequest } from "./uws-request.js";
import { addUwsWebSocket } from "./uws-websocket.js";

const UWS_METHODS: Record<string, "get" | "post" | "put" | "patch" | "del"> = {
  GET: "get",
  POST: "post",
  PUT: "put",
  PATCH: "patch",
  DELETE: "del",
};

function dispatch(callback: RequestCallback, res: HttpResponse, req: HttpRequest, paramCount: number): void {
  try {
    callback(new UwsRequest(res, req, paramCount));
  } catch {
    // HttpServer answers whatever a request does; this is only for a bug before it takes over.
    res.close();
  }
}

/** One listening address on a uWebSockets.js app. */
export class UwsListener implements TransportListener {
  private readonly app: TemplatedApp;
  private listenSocket: us_listen_socket | undefined;

  constructor(private readonly uws: Uws) {
    this.app = uws.App();
  }

  route(method: string, pattern: string, callback: RequestCallback): void {
    const uwsMethod = UWS_METHODS[method];
    if (!uwsMethod) throw new Error(`uWebSockets.js has no method ${method}`);
    const paramCount = pattern.split("/:").length - 1;
    this.app[uwsMethod](pattern, (res, req) => dispatch(callback, res, req, paramCount));
  }

  fallback(callback: RequestCallback): void {
    this.app.any("/*", (res, req) => dispatch(callback, res, req, 0));
  }

  webSocket<T>(path: string, limits: SocketLimits, callbacks: SocketCallbacks<T>): void {
    addUwsWebSocket(this.app, path, limits, callbacks);
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.app.listen(host, port, (socket) => {
        if (!socket) return reject(new Error(`cannot listen on ${host}:${port}`));
        this.listenSocket = socket;
        resolve(this.uws.us_socket_local_port(socket as never));
      });
    });
  }

  stopAccepting(): void {
    if (this.listenSocket) this.uws.us_listen_socket_close(this.listenSocket);
    this.listenSocket = undefined;
  }
}
