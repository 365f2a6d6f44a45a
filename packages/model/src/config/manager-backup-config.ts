import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const managerBackupSection = configSection("Backups of the server's data directory.", {
  peer: Type.String({
    default: "",
    description:
      "The remote manager (a name in [[remotes]]) that stores this server's backups; empty: this manager sends none.",
  }),
  source_name: Type.String({
    default: "venus",
    minLength: 1,
    maxLength: 64,
    pattern: "^[A-Za-z0-9._-]+$",
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
    description: "Database snapshots younger than this many days are kept (the newest always is).",
  }),
  chunk_bytes: Type.Integer({
    default: 1024 * 1024,
    minimum: 16 * 1024,
    maximum: 4 * 1024 * 1024,
    description: "Size of the encrypted pieces files travel in.",
  }),
});
