import { dataExportStatus, downloadDataExport, requestDataExport } from "@venus/data-all";
import { DataExportStatus } from "@venus/model";
import { json, userRoute } from "../../route.js";

const STATUS = { description: "The export's state", schema: DataExportStatus };

export const requestExportRoute = userRoute(
  {
    method: "post",
    path: "/account/export",
    summary:
      "Ask for a ZIP of everything kept about the account; built in the background, data_export_ready tells when it can be downloaded",
    tag: "account",
    errors: ["export_in_progress", "export_limit_reached"],
    responses: {
      200: { description: "An archive is ready already: download it first", schema: DataExportStatus },
      202: { description: "Building", schema: DataExportStatus },
    },
  },
  async ({ auth, deps }) => {
    const status = await requestDataExport(deps, auth.account);
    return json(status.state === "building" ? 202 : 200, status);
  },
);

export const exportStatusRoute = userRoute(
  {
    method: "get",
    path: "/account/export",
    summary: "The account's data export: none, building, ready or expired",
    tag: "account",
    responses: { 200: STATUS },
  },
  async ({ auth, deps }) => json(200, await dataExportStatus(deps, auth.account)),
);

export const downloadExportRoute = userRoute(
  {
    method: "get",
    path: "/account/export/download",
    summary: "Download the data export ZIP, once: it is removed as it is sent",
    tag: "account",
    rawResponse: { status: 200, contentType: "application/zip" },
    errors: ["not_found", "export_expired", "export_in_progress"],
    responses: {
      200: { description: "The ZIP archive" },
    },
  },
  async ({ auth, deps }) => ({
    status: 200,
    contentType: "application/zip",
    headers: {
      "content-disposition": 'attachment; filename="venus-data-export.zip"',
      "cache-control": "no-store",
    },
    body: await downloadDataExport(deps, auth.account),
  }),
);
