import type { DataExportStatus } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "./use-action.js";

/** The server names the file; this is the name the browser saves it under. */
const FILE_NAME = "my-data.zip";

/**
 * The data export: asked for, built by the server (`data_export_ready` says when), then downloaded
 * once. The download needs the access token, so it is fetched and saved from a `blob:` URL.
 */
export function DataExportCard() {
  const t = useT();
  const { session } = useApp();
  const [status, setStatus] = useState<DataExportStatus>();
  const [downloaded, setDownloaded] = useState(false);
  const { busy, error, run } = useAction();
  const load = () => void session.api.get<DataExportStatus>("/account/export").then(setStatus);
  useEffect(() => {
    load();
    return session.socket.on("data_export_ready", load);
  }, []);

  const download = () =>
    run(async () => {
      const url = URL.createObjectURL(await session.api.blob("/account/export/download"));
      const link = Object.assign(document.createElement("a"), { href: url, download: FILE_NAME });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setDownloaded(true);
      load();
    });
  const ask = () =>
    run(async () => {
      setDownloaded(false);
      setStatus(await session.api.post<DataExportStatus>("/account/export"));
    });

  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("export.title")}</h2>
      <p>{t("export.text")}</p>
      {downloaded && <p role="status">{t("export.downloaded")}</p>}
      {status?.state === "building" ? (
        <p role="status">{t("export.building")}</p>
      ) : status?.state === "ready" ? (
        <button type="button" class="primary" disabled={busy} onClick={() => void download()}>
          {t("export.download")}
        </button>
      ) : (
        <button type="button" disabled={busy || !status} onClick={() => void ask()}>
          {t("export.start")}
        </button>
      )}
      <ErrorLine error={error} />
    </section>
  );
}
