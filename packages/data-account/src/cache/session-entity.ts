import type { SessionRow } from "@venus/database";

/** What a device said in its last hello, and where it connected from (coarse). */
export interface SessionDevice {
  kind: string;
  version: string;
  address: string | null;
}

/** One signed-in device: its token hashes (hex) and when they were issued. */
export interface Session {
  id: string;
  accountId: string;
  accessHash: string;
  accessIssuedAt: number;
  refreshHash: string;
  refreshIssuedAt: number;
  createdAt: number;
  lastUsedAt: number;
  /** The device's id on the wire (`/account/devices`): random, and no token. */
  publicId: string;
  /** What the device last connected with: null until its first hello. */
  device: SessionDevice | null;
  /** Refresh token hashes this session used before, newest last: presenting one ends the session. */
  retiredRefreshHashes: string[];
}

export function sessionFromRow(row: SessionRow): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    accessHash: row.access_hash.toString("hex"),
    accessIssuedAt: row.access_issued_at,
    refreshHash: row.refresh_hash.toString("hex"),
    refreshIssuedAt: row.refresh_issued_at,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    publicId: row.public_id,
    device:
      row.client_kind === null
        ? null
        : { kind: row.client_kind, version: row.client_version ?? "", address: row.address },
    retiredRefreshHashes: [],
  };
}

export function sessionToRow(session: Session): SessionRow {
  return {
    id: session.id,
    account_id: session.accountId,
    access_hash: Buffer.from(session.accessHash, "hex"),
    access_issued_at: session.accessIssuedAt,
    refresh_hash: Buffer.from(session.refreshHash, "hex"),
    refresh_issued_at: session.refreshIssuedAt,
    created_at: session.createdAt,
    last_used_at: session.lastUsedAt,
    public_id: session.publicId,
    client_kind: session.device?.kind ?? null,
    client_version: session.device?.version ?? null,
    address: session.device?.address ?? null,
  };
}
