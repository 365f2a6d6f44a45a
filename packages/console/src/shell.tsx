import type { Session } from "@venus/web-shared";
import { useEffect } from "preact/hooks";
import { visibleScreens, type Permissions, type ScreenId } from "./permissions.js";
import { useHashRoute } from "@venus/web-shared";

interface ShellProps {
  session: Session;
  permissions: Permissions;
  online: boolean;
}

/** The frame around every screen: navigation for what this account may see, the connection, sign-out. */
export function Shell({ session, permissions, online }: ShellProps) {
  const screens = visibleScreens(permissions);
  const [first, ...rest] = useHashRoute();
  const current = screens.find((screen) => screen.id === first) ?? screens[0];
  useEffect(() => {
    if (current && first !== current.id) location.replace(`#/${current.id}`);
  }, [current, first]);
  return (
    <div class="shell">
      <header>
        <strong>Venus console</strong>
        <nav aria-label="Screens">
          {screens.map((screen) => (
            <a href={`#/${screen.id}`} aria-current={screen.id === current?.id ? "page" : undefined}>
              {screen.title}
            </a>
          ))}
        </nav>
        <span class={online ? "online" : "offline"} role="status">
          {online ? "Live" : "Reconnecting…"}
        </span>
        <button type="button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </header>
      <main id="screen">
        {current && <Screen id={current.id} rest={rest} session={session} permissions={permissions} />}
      </main>
    </div>
  );
}

function Screen({ id }: { id: ScreenId; rest: string[]; session: Session; permissions: Permissions }) {
  return <h1>{id}</h1>;
}
