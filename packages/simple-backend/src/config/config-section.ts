import { Type, type TProperties, type TObject } from "@sinclair/typebox";

/** A config table: closed to unknown keys, filled with its defaults when absent. */
export function configSection<T extends TProperties>(description: string, properties: T): TObject<T> {
  return Type.Object(properties, {
    additionalProperties: false,
    default: {},
    description,
  });
}
