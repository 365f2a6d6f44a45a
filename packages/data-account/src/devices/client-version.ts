import semver from "semver";
import { SEMVER_PATTERN, type ClientKind, type RuntimeFlagReader } from "@venus/model";

// The pattern config and flags are checked with; semver.valid would also take "v1.2.3" or " 1.2.3".
const STRICT_SEMVER = new RegExp(SEMVER_PATTERN);

/** What a hello's client version means against its kind's minimum and recommended versions. */
export type ClientVersionVerdict =
  | { verdict: "invalid" }
  | { verdict: "update_required"; min_version: string }
  | { verdict: "update_available"; recommended_version: string }
  | { verdict: "current" };

/** Verdicts by version, minimum and recommended: a fleet connects with few versions, and parsing costs. */
const verdicts = new Map<string, Readonly<ClientVersionVerdict>>();
/** Past this many different triples the memo starts over, so that junk versions cannot grow it. */
const MAX_VERDICTS = 256;

/** Strict semantic versions; a pre-release is older than its release (1.2.0-beta.1 < 1.2.0). */
export function judgeVersion(version: string, min: string, recommended: string): ClientVersionVerdict {
  const key = `${version} ${min} ${recommended}`;
  let verdict = verdicts.get(key);
  if (verdict) return verdict;
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(key, (verdict = judgeUncached(version, min, recommended)));
  return verdict;
}

function judgeUncached(version: string, min: string, recommended: string): ClientVersionVerdict {
  if (!STRICT_SEMVER.test(version)) return { verdict: "invalid" };
  if (semver.lt(version, min)) return { verdict: "update_required", min_version: min };
  if (semver.lt(version, recommended))
    return { verdict: "update_available", recommended_version: recommended };
  return { verdict: "current" };
}

/** A hello's client against the runtime flags `<kind>_min_version` and `<kind>_recommended_version`. */
export function judgeClient(
  flags: RuntimeFlagReader,
  client: { kind: ClientKind; version: string },
): ClientVersionVerdict {
  return judgeVersion(
    client.version,
    flags.get(`${client.kind}_min_version`),
    flags.get(`${client.kind}_recommended_version`),
  );
}
