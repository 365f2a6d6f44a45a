import { useEffect, useState } from "preact/hooks";

/** The part of the address after `#/`, split at `/`: `#/accounts/abc` → ["accounts", "abc"]. */
export function useHashRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return route;
}
