import { Type } from "@sinclair/typebox";
import { LOG_LEVELS } from "../logger.js";
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
    trust_forwarded_for: Type.Boolean({
      default: false,
      description: "Take the client address from X-Forwarded-For (only behind a trusted reverse proxy).",
    }),
  }),
  log: configSection("Logging (JSON lines on standard output).", {
    level: Type.Union(
      LOG_LEVELS.map((level) => Type.Literal(level)),
      { default: "info", description: `One of ${LOG_LEVELS.join(", ")}.` },
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
