import type { Session } from "@venus/web-shared";
import { useEffect } from "preact/hooks";
import { ImageQueue } from "./screens/images/image-queue.js";
import { VerificationQueue } from "./screens/verification/verification-queue.js";
import { TextQueue } from "./screens/texts/text-queue.js";
import { ReportQueue } from "./screens/reports/report-queue.js";
import { AccountsScreen } from "./screens/accounts/accounts-screen.js";
import { ServerScreen } from "./screens/server/server-screen.js";
import { NewsScreen } from "./screens/news/news-screen.js";
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

function Screen({
  id,
  session,
  rest,
  permissions,
}: {
  id: ScreenId;
  rest: string[];
  session: Session;
  permissions: Permissions;
}) {
  switch (id) {
    case "images":
      return <ImageQueue session={session} permissions={permissions} />;
    case "verification":
      return <VerificationQueue session={session} />;
    case "texts":
      return <TextQueue session={session} permissions={permissions} />;
    case "reports":
      return <ReportQueue session={session} />;
    case "accounts":
      return <AccountsScreen session={session} permissions={permissions} route={rest} />;
    case "server":
      return <ServerScreen session={session} permissions={permissions} />;
    case "news":
      return <NewsScreen session={session} permissions={permissions} />;
  }
}
