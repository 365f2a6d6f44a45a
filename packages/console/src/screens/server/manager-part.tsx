import type { MaintenanceStatus, ScheduleMaintenanceRequest } from "@venus/model";
import { ConfirmButton, type Session } from "@venus/web-shared";
import { useState } from "preact/hooks";
import { useLoad, type Loaded } from "../../use-load.js";
import { JsonFacts } from "./json-facts.js";

const MANAGER = "/admin/manager";

function Panel({ title, loaded }: { title: string; loaded: Loaded<unknown> }) {
  return (
    <section aria-label={title} class="part">
      <h3>{title}</h3>
      {loaded.error ? (
        <p class="muted">{loaded.error}</p>
      ) : loaded.data === undefined ? (
        <p>Loading…</p>
      ) : (
        <JsonFacts value={loaded.data} />
      )}
    </section>
  );
}

/**
 * The server's manager through `/admin/manager/…` (docs/manager.md): its status, the machine, backups,
 * and scheduled maintenance, which may be added and cancelled. Without a manager link the server
 * answers `503 manager_not_configured`, shown as it is.
 */
export function ManagerPart({ session }: { session: Session }) {
  const [changes, setChanges] = useState(0);
  const server = useLoad(() => session.api.get(`${MANAGER}/server`), [changes]);
  if (server.error?.startsWith("manager_not_configured"))
    return (
      <section aria-label="Manager" class="part wide">
        <h2>Manager</h2>
        <p>
          This server has no manager link (local_manager in its configuration), so there is nothing to show.
        </p>
        <p class="muted">{server.error}</p>
      </section>
    );
  return <ManagerPanels session={session} server={server} changes={changes} setChanges={setChanges} />;
}

interface PanelsProps {
  session: Session;
  server: Loaded<unknown>;
  changes: number;
  setChanges: (update: (count: number) => number) => void;
}

function ManagerPanels({ session, server, changes, setChanges }: PanelsProps) {
  const system = useLoad(() => session.api.get(`${MANAGER}/system_info`), [changes]);
  const backup = useLoad(() => session.api.get(`${MANAGER}/backup`), [changes]);
  const maintenance = useLoad(() => session.api.get<MaintenanceStatus>(`${MANAGER}/maintenance`), [changes]);
  const changed = (text: string) => {
    setChanges((count) => count + 1);
    return text;
  };
  return (
    <section aria-label="Manager" class="part wide">
      <h2>Manager</h2>
      <div class="parts">
        <Panel title="Server status" loaded={server} />
        <Panel title="System" loaded={system} />
        <Panel title="Backups" loaded={backup} />
        <section aria-label="Scheduled maintenance" class="part">
          <h3>Scheduled maintenance</h3>
          {maintenance.error ? (
            <p class="muted">{maintenance.error}</p>
          ) : (
            maintenance.data && <JsonFacts value={maintenance.data} />
          )}
          {maintenance.data && (
            <div class="buttons">
              <ConfirmButton
                label="Schedule"
                question="Schedule maintenance (in the next window unless a time is given):"
                action={async (form) => {
                  const value = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
                  const at = value("at").value;
                  const body: ScheduleMaintenanceRequest = {
                    task: value("task").value as ScheduleMaintenanceRequest["task"],
                    notify_server: value("notify").checked,
                    ...(at ? { at: new Date(at).toISOString() } : {}),
                  };
                  await session.api.post(`${MANAGER}/maintenance`, body);
                  return changed("Scheduled");
                }}
              >
                <label>
                  Task
                  <select name="task">
                    <option value="restart_server">restart the server</option>
                    <option value="reboot_system">reboot the machine</option>
                  </select>
                </label>
                <label>
                  At (empty: the next window) <input type="datetime-local" name="at" />
                </label>
                <label class="choice">
                  <input type="checkbox" name="notify" defaultChecked /> tell connected clients first
                </label>
              </ConfirmButton>
              {maintenance.data.scheduled && (
                <ConfirmButton
                  label="Cancel maintenance"
                  danger
                  question="Cancel the scheduled maintenance?"
                  action={async () => {
                    await session.api.delete(`${MANAGER}/maintenance`);
                    return changed("Cancelled");
                  }}
                />
              )}
            </div>
          )}
        </section>
      </div>
    </section>
  );
}
