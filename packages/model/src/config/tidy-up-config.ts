import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const tidyUpConfigSection = configSection(
  'The daily task\'s tidy-up of unused accounts and content (docs/admin.md, "Tidy-up").',
  {
    unused_account_days: Type.Number({
      default: 730,
      minimum: 0,
      description:
        "An account not seen for this long gets a warning mail (unused_account_warning); 0: never. Bots and admins are left alone.",
    }),
    warning_days: Type.Number({
      default: 30,
      minimum: 0,
      description:
        "A warned account still not seen this long after the warning goes into the normal deletion wait (account.deletion_wait_days).",
    }),
    unused_content_days: Type.Number({
      default: 365,
      minimum: 0,
      description:
        "A content item neither in the profile nor the security selfie, uploaded longer ago than this, is deleted; 0: never.",
    }),
  },
);
