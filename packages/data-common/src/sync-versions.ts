import type { EventName, SyncType } from "@venus/model";

/**
 * The version of each data type a client may cache, asked of the component that owns it. On connect,
 * every type whose version differs from the client's gets a `<type>_changed` event. A type the client
 * omits counts as version 0 (nothing cached), which is also the version of data that does not exist.
 */
export class SyncVersions {
  private readonly sources = new Map<SyncType, (accountId: string) => number>();

  register(type: SyncType, versionOf: (accountId: string) => number): void {
    this.sources.set(type, versionOf);
  }

  changedEvents(accountId: string, clientVersions: Record<string, number>): EventName[] {
    const events: EventName[] = [];
    for (const [type, versionOf] of this.sources) {
      if ((clientVersions[type] ?? 0) !== versionOf(accountId)) events.push(`${type}_changed`);
    }
    return events;
  }
}
