import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const managerBackupSection = configSection(
  "Backups of the server's data directory (docs/manager.md).",
  {
    peer: Type.String({
      default: "",
      description:
        "The remote manager (a name in [[remotes]]) that stores this server's backups; empty: this manager sends none.",
    }),
    source_name: Type.String({
      default: "venus",
      minLength: 1,
      maxLength: 64,
      pattern: "^[A-Za-z0-9_-][A-Za-z0-9._-]*$",
      description: "The name this server's backups are kept under at the peer.",
    }),
    daily_time_utc: Type.String({
      default: "",
      pattern: "^$|^([01][0-9]|2[0-3]):[0-5][0-9]$",
      description: "HH:MM (UTC) of the daily backup; empty: only on demand.",
    }),
    accept: Type.Boolean({
      default: false,
      description: "Whether this manager accepts backup sessions from other managers (it is a backup peer).",
    }),
    key: Type.String({
      default: "",
      pattern: "^$|^[0-9a-fA-F]{64}$",
      description:
        "AES-256-GCM key as 64 hex digits (`openssl rand -hex 32`), the same on the source and the peer; required by both.",
    }),
    keep_days: Type.Integer({
      default: 7,
      minimum: 1,
      description:
        "The peer keeps database snapshots younger than this many days (the newest always); older ones are pruned after a successful session.",
    }),
    chunk_bytes: Type.Integer({
      default: 1024 * 1024,
      minimum: 16 * 1024,
      maximum: 4 * 1024 * 1024,
      description:
        "The most plaintext in one request: consecutive 64 KiB blocks of a database, or a batch of small images; a larger image travels in pieces of this size, and the peer takes pieces up to the maximum, 4 MiB, whatever its own value.",
    }),
    image_batch: Type.Integer({
      default: 5000,
      minimum: 1,
      maximum: 10_000,
      description:
        "Image files the source declares per request to the peer; the peer takes batches up to the maximum, 10000.",
    }),
    parallel_uploads: Type.Integer({
      default: 4,
      minimum: 1,
      maximum: 16,
      description:
        "Image requests (a batch of small images, or a piece of a larger one) the source has in flight at once, beside the databases' one.",
    }),
    max_snapshot_files: Type.Integer({
      default: 100,
      minimum: 1,
      maximum: 10_000,
      description: "The peer refuses a session with more files in its snapshot (databases and small files).",
    }),
    session_timeout_seconds: Type.Number({
      default: 600,
      exclusiveMinimum: 0,
      description:
        "The peer drops a session (and its temporary files) after this long without a request from its source.",
    }),
  },
);
