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
  allow_slow_fallback: Type.Boolean({
    default: false,
    description: "Start even when uWebSockets.js falls back to its slow JavaScript implementation.",
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
    max_body_bytes: Type.Integer({
      default: 65536,
      minimum: 1024,
      description: "Largest request body accepted, in bytes (413 payload_too_large above).",
    }),
    trust_forwarded_for: Type.Boolean({
      default: false,
      description: "Take the client address from X-Forwarded-For (only behind a trusted reverse proxy).",
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
