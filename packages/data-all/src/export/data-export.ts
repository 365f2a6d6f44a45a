import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import type { Account } from "@venus/data-account";
import { reportsMadeBy } from "@venus/data-chat";
import { wipeFiles } from "@venus/data-media";
import { VenusError, type DataExportReady, type DataExportStatus } from "@venus/model";
import type { AllComponents } from "../deletion/deletion-steps.js";
import {
  accountDocument,
  archiveMediaName,
  mediaDocument,
  mediaItems,
  profileDocument,
} from "./account-documents.js";
import { chatDocument, historyDocument, relationsDocument } from "./chat-documents.js";
import { buildingName, exportsDir, readOnce, readyName, removeExpiredExports } from "./export-files.js";
import { EXPORT_README } from "./export-readme.js";
import { writeZip } from "./zip-writer.js";

/** Builds the archive in the background; ends ready (and the owner's devices are told) or failed. */
async function build(components: AllComponents, account: Account, requestedAt: number): Promise<void> {
  const { exports, connections } = components.account;
  const dir = exportsDir(components);
  const temporary = path.join(dir, buildingName(account.id, requestedAt));
  try {
    // Everything is read from memory at once, before the first wait: one consistent picture.
    const documents = {
      "README.txt": EXPORT_README,
      "account.json": accountDocument(components, account),
      "profile.json": profileDocument(components, account.id),
      "media.json": mediaDocument(components, account.id),
      "relations.json": relationsDocument(components, account.id),
      "chat.json": chatDocument(components, account.id),
      "history.json": historyDocument(components, account.id),
      "reports.json": reportsMadeBy(components.chat, account.id),
    };
    const files = mediaItems(components, account.id).map((item) => ({
      name: archiveMediaName(item.content.id),
      path: item.file,
    }));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeZip(temporary, documents, files);
    const expiresAt = exports.expiryFromNow();
    const file = path.join(dir, readyName(account.id, expiresAt));
    await rename(temporary, file);
    if (!exports.finish(account.id, requestedAt, file, expiresAt)) {
      await wipeFiles([file]); // the account was deleted meanwhile
      return;
    }
    const ready: DataExportReady = { expires_at: new Date(expiresAt).toISOString() };
    connections.publish(account.id, "data_export_ready", { ...ready });
  } catch (error) {
    exports.fail(account.id, requestedAt);
    components.media.log.error({ err: error, accountId: account.id }, "a data export failed");
    await wipeFiles([temporary]).catch(() => undefined);
  }
}

/**
 * Starts building a ZIP of everything Venus keeps about the account; `data_export_ready` tells its
 * devices when it can be downloaded. One at a time, at most once per `account.export_min_interval_hours`.
 */
export async function requestDataExport(
  components: AllComponents,
  account: Account,
): Promise<DataExportStatus> {
  await removeExpiredExports(components);
  return components.account.exports.start(account.id, (requestedAt) =>
    build(components, account, requestedAt),
  );
}

export async function dataExportStatus(
  components: AllComponents,
  account: Account,
): Promise<DataExportStatus> {
  await removeExpiredExports(components);
  return components.account.exports.status(account.id);
}

/** The archive, once: it is wiped as it is handed over. */
export async function downloadDataExport(components: AllComponents, account: Account): Promise<Buffer> {
  await removeExpiredExports(components);
  const bytes = await readOnce(components.account.exports.take(account.id));
  if (!bytes) throw new VenusError("not_found", "the data export is gone; ask for a new one");
  return bytes;
}
