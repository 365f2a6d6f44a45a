import { ApiError } from "@venus/web-shared";
import { useEffect, useState } from "preact/hooks";

export type Loaded<T> = { data?: T; error?: string };

/** Loads `load()` whenever a dependency changes; the error keeps the server's code. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({});
  useEffect(() => {
    let live = true;
    setState({});
    load().then(
      (data) => live && setState({ data }),
      (error: unknown) =>
        live &&
        setState({ error: error instanceof ApiError ? `${error.code}: ${error.message}` : String(error) }),
    );
    return () => {
      live = false;
    };
    // eslint-style exhaustive deps are the caller's: `deps` lists what `load` reads.
  }, deps);
  return state;
}
