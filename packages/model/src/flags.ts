import { Type, type Static } from "@sinclair/typebox";

/** Runtime flags: stored in the database, changed by admins without a restart. */
export const RuntimeFlags = Type.Object(
  {
    registration_enabled: Type.Boolean({
      description: "New accounts can register.",
    }),
  },
  { additionalProperties: false },
);
export type RuntimeFlags = Static<typeof RuntimeFlags>;
export type RuntimeFlagName = keyof RuntimeFlags;
export const RUNTIME_FLAG_NAMES = Object.keys(RuntimeFlags.properties) as RuntimeFlagName[];

export const SetFlagRequest = Type.Object({ value: Type.Unknown() }, { additionalProperties: false });
export type SetFlagRequest = Static<typeof SetFlagRequest>;
