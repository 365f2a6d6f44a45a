import type { AccountStateResponse, Permission } from "@venus/model";
import { Session, SignInForm, type SocketStatus } from "@venus/web-shared";
import { useEffect, useMemo, useState } from "preact/hooks";
import { Shell } from "./shell.js";

const VERSION = "1.0.0";

type View =
  | { kind: "signed_out"; reason?: string }
  | { kind: "connecting" }
  | { kind: "no_permission" }
  | { kind: "ready"; permissions: ReadonlySet<Permission> };

/** Signs in, keeps the device's WebSocket, and lets only accounts with an admin permission further. */
export function App() {
  const [view, setView] = useState<View>({ kind: "signed_out" });
  const [status, setStatus] = useState<SocketStatus>("signed_out");
  const session = useMemo(
    () =>
      new Session({
        storageKey: "venus-console",
        client: { kind: "web", version: VERSION },
        onStatus: (next, reason) => {
          setStatus(next);
          if (next === "signed_out") setView({ kind: "signed_out", ...(reason ? { reason } : {}) });
        },
      }),
    [],
  );
  useEffect(() => {
    if (session.resume()) setView({ kind: "connecting" });
  }, [session]);
  useEffect(() => {
    if (status !== "open" || view.kind !== "signed_out") return;
    setView({ kind: "connecting" });
  }, [status, view.kind]);
  useEffect(() => {
    if (view.kind !== "connecting") return;
    void session.api
      .get<AccountStateResponse>("/account/state")
      .then((state) =>
        setView(
          state.permissions.length === 0
            ? { kind: "no_permission" }
            : { kind: "ready", permissions: new Set(state.permissions) },
        ),
      );
  }, [session, view.kind]);
  useEffect(
    () =>
      session.socket.on("account_state_changed", (state) => {
        if (state)
          setView(
            state.permissions.length === 0
              ? { kind: "no_permission" }
              : { kind: "ready", permissions: new Set(state.permissions) },
          );
      }),
    [session],
  );

  if (view.kind === "signed_out")
    return (
      <>
        {view.reason && view.reason !== "logged_out" && view.reason !== "no_session" && (
          <p role="status" class="notice">
            Signed out: {view.reason.replaceAll("_", " ")}
          </p>
        )}
        <SignInForm session={session} title="Venus console" />
      </>
    );
  if (view.kind === "connecting") return <p class="notice">Connecting…</p>;
  if (view.kind === "no_permission")
    return (
      <main class="sign-in">
        <h1>Venus console</h1>
        <p role="alert">This account has no admin permission. The console is for moderators and admins.</p>
        <button type="button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </main>
    );
  return <Shell session={session} permissions={view.permissions} online={status === "open"} />;
}
