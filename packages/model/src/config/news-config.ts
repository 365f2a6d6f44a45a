import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const newsConfigSection = configSection('News and announcements (docs/admin.md, "News").', {
  page_size: Type.Integer({
    default: 20,
    minimum: 1,
    maximum: 200,
    description: "News items per page of GET /news.",
  }),
  max_items: Type.Integer({
    default: 1000,
    minimum: 1,
    maximum: 100000,
    description: "Most news items kept (drafts and published); creating one more is 409 invalid_state.",
  }),
  max_translations: Type.Integer({
    default: 50,
    minimum: 1,
    maximum: 500,
    description: "Most languages one news item may have.",
  }),
});
