import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { RequestCallback, SocketCallbacks, SocketLimits, TransportListener } from "../transport.js";
import { answerClientError } from "./client-error.js";
import { NodeRequest } from "./node-request.js";
import { NodeWebSocketPath } from "./node-websocket.js";
import { RouteTable } from "./route-table.js";

/** One listening address on `node:http`, routed like uWebSockets.js. */
export class NodeListener implements TransportListener {
  private readonly server: Server;
  private readonly routes = new Map<string, RouteTable<RequestCallback>>();
  private readonly sockets = new Map<string, NodeWebSocketPath<unknown>>();
  private fallbackCallback: RequestCallback | undefined;

  constructor() {
    this.server = createServer((req, res) => this.dispatch(req, res));
    this.server.on("clientError", answerClientError);
    this.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
  }

  route(method: string, pattern: string, callback: RequestCallback): void {
    let table = this.routes.get(method);
    if (!table) this.routes.set(method, (table = new RouteTable()));
    table.add(pattern, callback);
  }

  fallback(callback: RequestCallback): void {
    this.fallbackCallback = callback;
  }

  webSocket<T>(path: string, limits: SocketLimits, callbacks: SocketCallbacks<T>): void {
    this.sockets.set(path, new NodeWebSocketPath(limits, callbacks) as NodeWebSocketPath<unknown>);
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", (error) =>
        reject(new Error(`cannot listen on ${host}:${port}: ${error.message}`)),
      );
      this.server.listen(port, host, () => {
        const address = this.server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  }

  stopAccepting(): void {
    // Also closes idle keep-alive connections; requests on busy ones are answered by HttpServer.
    this.server.close();
  }

  private dispatch(req: IncomingMessage, res: ServerResponse): void {
    const target = req.url ?? "/";
    const mark = target.indexOf("?");
    const url = mark < 0 ? target : target.slice(0, mark);
    const query = mark < 0 ? "" : target.slice(mark + 1);
    const found = this.routes.get((req.method ?? "").toUpperCase())?.match(url);
    const callback = found?.value ?? this.fallbackCallback;
    if (!callback) return void res.writeHead(404).end();
    try {
      callback(new NodeRequest(req, res, url, query, found?.params ?? []));
    } catch {
      // HttpServer answers whatever a request does; this is only for a bug before it takes over.
      res.destroy();
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const url = (req.url ?? "/").split("?")[0] as string;
    const path = this.sockets.get(url);
    if (path && req.method === "GET") {
      try {
        return path.upgrade(req, socket, head);
      } catch {
        return void socket.destroy();
      }
    }
    const body = JSON.stringify({ error: { code: "not_found", message: "no such route" } });
    socket.end(
      "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n" +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
}
