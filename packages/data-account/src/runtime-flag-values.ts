import {
  invalidInput,
  RUNTIME_FLAG_NAMES,
  RuntimeFlags,
  VenusError,
  type RuntimeFlagName,
} from "@venus/model";
import { compileValidator } from "@venus/simple-backend";

const SCHEMAS = RuntimeFlags.properties as Record<
  RuntimeFlagName,
  (typeof RuntimeFlags.properties)[RuntimeFlagName]
>;
const validators = new Map(RUNTIME_FLAG_NAMES.map((name) => [name, compileValidator(SCHEMAS[name])]));

export function isFlagName(name: string): name is RuntimeFlagName {
  return Object.hasOwn(RuntimeFlags.properties, name);
}

/** The flag with this name; `404 not_found` naming the known flags otherwise. */
export function flagName(name: string): RuntimeFlagName {
  if (!isFlagName(name))
    throw new VenusError("not_found", `no flag ${name}; the flags are ${RUNTIME_FLAG_NAMES.join(", ")}`);
  return name;
}

/** The value checked against the flag's schema (type and bounds); `400 validation_failed` otherwise. */
export function flagValue<N extends RuntimeFlagName>(name: N, value: unknown): RuntimeFlags[N] {
  const result = validators.get(name)?.(value);
  if (!result?.ok)
    throw invalidInput(
      (result?.issues ?? [{ path: "", message: "unknown" }]).map((i) => ({
        path: i.path ? `${name}.${i.path}` : name,
        message: i.message,
      })),
    );
  return result.value as RuntimeFlags[N];
}
