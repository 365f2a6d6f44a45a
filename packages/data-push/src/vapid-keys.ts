import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { VenusConfig } from "@venus/model";
import { ConfigError, writeFileAtomic } from "@venus/simple-backend";
import webPush from "web-push";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export const VAPID_FILE = "push-vapid.json";

/**
 * The VAPID key pair: from config when set, else from `<data_dir>/push-vapid.json`, made there
 * (owner-only) on first start. Losing the file makes every browser subscription useless, so it is
 * kept with the databases (and in backups of the data directory).
 */
export async function vapidKeys(config: VenusConfig): Promise<VapidKeys> {
  const { vapid_public_key: publicKey, vapid_private_key: privateKey } = config.push.webpush;
  if (publicKey || privateKey) {
    if (!publicKey || !privateKey)
      throw new ConfigError("config", [
        { path: "/push/webpush", message: "set both vapid_public_key and vapid_private_key, or neither" },
      ]);
    checkKeys(publicKey, privateKey, "/push/webpush/vapid_public_key");
    return { publicKey, privateKey };
  }
  const file = join(config.data_dir, VAPID_FILE);
  if (existsSync(file)) {
    const keys = JSON.parse(readFileSync(file, "utf8")) as VapidKeys;
    checkKeys(keys.publicKey, keys.privateKey, file);
    return keys;
  }
  const keys = webPush.generateVAPIDKeys();
  await writeFileAtomic(file, Buffer.from(JSON.stringify(keys)), { syncDirectory: true });
  return keys;
}

function checkKeys(publicKey: string, privateKey: string, where: string): void {
  try {
    webPush.setVapidDetails("mailto:check@localhost", publicKey, privateKey);
  } catch (error) {
    throw new ConfigError(where, [{ path: "/push/webpush", message: (error as Error).message }]);
  }
}
