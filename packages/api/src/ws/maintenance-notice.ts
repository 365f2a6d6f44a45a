import type { ConnectionRegistry } from "@venus/data-common";
import type { EventFrame, MaintenanceNotice } from "@venus/model";

function sameNotice(a: MaintenanceNotice, b: MaintenanceNotice): boolean {
  return a.start === null || b.start === null
    ? a.start === b.start
    : a.start === b.start && a.task === b.task;
}

/**
 * The maintenance the local manager announced: every connected client gets `maintenance` when it
 * changes, and each new connection gets it right after `welcome` while one is coming.
 */
export class MaintenanceNotices {
  private notice: MaintenanceNotice = { start: null };

  constructor(private readonly connections: ConnectionRegistry) {}

  set(notice: MaintenanceNotice): void {
    if (sameNotice(notice, this.notice)) return;
    this.notice = notice;
    for (const accountId of [...this.connections.onlineAccounts()])
      this.connections.publish(accountId, "maintenance", notice);
  }

  /** The event a new connection gets after `welcome`; undefined while no maintenance is coming. */
  eventForNewConnection(): EventFrame | undefined {
    return this.notice.start === null
      ? undefined
      : { type: "event", event: "maintenance", data: this.notice };
  }
}
