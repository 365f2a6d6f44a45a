import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const statisticsConfigSection = configSection(
  "Server statistics and per-account history, kept in history.sqlite (docs/admin.md, Statistics).",
  {
    sample_seconds: Type.Integer({
      default: 60,
      minimum: 1,
      maximum: 3600,
      description:
        "How often connected clients and online accounts are sampled (bots left out); each hour stores their minimum, maximum and average.",
    }),
    history_days: Type.Integer({
      default: 365,
      minimum: 1,
      description: "The daily task deletes hourly statistics older than this.",
    }),
    account_history_days: Type.Integer({
      default: 90,
      minimum: 1,
      description:
        "The daily task deletes per-account API usage older than this, and addresses not seen for this long; also the most `days` of GET /admin/accounts/{id}/api_usage.",
    }),
    max_hours_per_request: Type.Integer({
      default: 744,
      minimum: 1,
      description: "Most hours one GET /admin/statistics/history may span (400 range_too_long beyond).",
    }),
    max_ip_addresses: Type.Integer({
      default: 100,
      minimum: 1,
      maximum: 10000,
      description: "Most addresses GET /admin/accounts/{id}/ip_history returns (the most recently seen).",
    }),
  },
);
