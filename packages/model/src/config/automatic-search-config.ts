import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const automaticSearchConfigSection = configSection(
  '"New people near you", the automatic profile search (docs/protocol.md, "Automatic search").',
  {
    max_results: Type.Integer({
      default: 100,
      minimum: 1,
      maximum: 1000,
      description: "Most profiles one run keeps (the nearest); the results route pages through them.",
    }),
    lookback_days: Type.Number({
      default: 8,
      exclusiveMinimum: 0,
      maximum: 60,
      description:
        "A run finds profiles listed since the account's last run, at most this long ago; newly listed profiles stay this long in the index the runs scan.",
    }),
  },
);
