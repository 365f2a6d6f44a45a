import { dataExportStatus, downloadDataExport, requestDataExport } from "@venus/data-all";
import { DataExportStatus, ErrorResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

const STATUS = { description: "The export's state", schema: DataExportStatus };

export const requestExportRoute = userRoute(
  {
    method: "post",
    path: "/account/export",
    summary:
      "Ask for a ZIP of everything kept about the account; built in the background, data_export_ready tells when it can be downloaded",
    tag: "account",
    responses: {
      200: { description: "An archive is ready already: download it first", schema: DataExportStatus },
      202: { description: "Building", schema: DataExportStatus },
      409: { description: "export_in_progress", schema: ErrorResponse },
      429: {
        description: "export_limit_reached (account.export_min_interval_hours), with Retry-After",
        schema: ErrorResponse,
      },
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
    responses: {
      200: { description: "The ZIP archive" },
      404: {
        description: "not_found (no archive ready), export_expired (not downloaded in time)",
        schema: ErrorResponse,
      },
      409: { description: "export_in_progress", schema: ErrorResponse },
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
