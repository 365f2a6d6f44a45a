import { Type } from "@sinclair/typebox";
import { LOG_FORMATS, LOG_LEVELS } from "../logger.js";
import { configSection } from "./config-section.js";

/** The options every simple-backend process has; applications spread these into their own schema. */
export const backendConfigProperties = {
  data_dir: Type.String({
    default: "./data",
    minLength: 1,
    description: "Directory for databases, files and the lock file (relative to the working directory).",
  }),
  http: configSection("Public HTTP and WebSocket listener.", {
    host: Type.String({
      default: "127.0.0.1",
      description: "Address to listen on; 0.0.0.0 for all interfaces.",
    }),
    port: Type.Integer({
      default: 3000,
      minimum: 0,
      maximum: 65535,
      description: "TCP port; 0 picks a free one.",
    }),
    transport: Type.Union([Type.Literal("auto"), Type.Literal("uws"), Type.Literal("node")], {
      default: "auto",
      description:
        "HTTP and WebSocket transport: uws (uWebSockets.js's native binary), node (node:http and ws), or auto (uws when its native binary loads for this Node, else node). See docs/operations.md.",
    }),
    max_body_bytes: Type.Integer({
      default: 65536,
      minimum: 1024,
      description: "Largest request body accepted, in bytes (413 payload_too_large above).",
    }),
    max_json_depth: Type.Integer({
      default: 32,
      minimum: 1,
      maximum: 1000,
      description: "Deepest nesting of arrays and objects in a JSON request body (400 invalid_json deeper).",
    }),
    trusted_proxies: Type.Array(Type.String({ format: "ip-range" }), {
      default: [],
      description:
        "Reverse proxies (IP addresses and CIDR ranges, IPv4 or IPv6) whose forwarding header is believed.\n" +
        "The client address is the rightmost hop of that header that is not a trusted proxy; from any other\n" +
        'peer the header is ignored. Empty: the peer address is the client\'s. E.g. ["127.0.0.1", "::1", "10.0.0.0/8"].',
    }),
    proxy_header: Type.Union([Type.Literal("x-forwarded-for"), Type.Literal("forwarded")], {
      default: "x-forwarded-for",
      description:
        "The header the trusted proxies write: x-forwarded-for (nginx's $proxy_add_x_forwarded_for) or\n" +
        "forwarded (RFC 7239). Only one is read: a proxy passes the other through as the client wrote it.",
    }),
    discard_body_max_bytes: Type.Integer({
      default: 67108864,
      minimum: 0,
      description:
        "After a 413 payload_too_large, the rest of the body is read and dropped, so a client still sending reads the answer, while the whole body stays within this many bytes; a longer one loses its connection.",
    }),
    discard_body_seconds: Type.Number({
      default: 30,
      exclusiveMinimum: 0,
      description:
        "Time allowed to read and drop the rest of an over-limit body before the connection closes (on uws only where the answer waits for the body: docs/operations.md).",
    }),
  }),
  log: configSection("Logging on standard output.", {
    level: Type.Union(
      LOG_LEVELS.map((level) => Type.Literal(level)),
      { default: "info", description: `One of ${LOG_LEVELS.join(", ")}.` },
    ),
    format: Type.Union(
      LOG_FORMATS.map((format) => Type.Literal(format)),
      {
        default: "auto",
        description:
          "json: one JSON object per line; pretty: one human-readable line per entry; auto: pretty when standard output is a terminal, else json (pipes, files, the manager, systemd).",
      },
    ),
  }),
  shutdown: configSection("Graceful shutdown on SIGTERM/SIGINT.", {
    deadline_seconds: Type.Number({
      default: 20,
      exclusiveMinimum: 0,
      description: "Time allowed to drain requests and flush data before the process gives up and exits 1.",
    }),
  }),
};

/** Keys that existed once, with what replaced them: naming one is a start-up error that says so. */
export const REMOVED_BACKEND_KEYS: Readonly<Record<string, string>> = {
  "http.trust_forwarded_for":
    'removed; list the reverse proxies in http.trusted_proxies instead (e.g. ["127.0.0.1", "::1"])',
};
