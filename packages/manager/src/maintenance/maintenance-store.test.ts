import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScheduledMaintenance } from "@venus/model";
import { createLogger } from "@venus/simple-backend";
import { afterEach, describe, expect, test } from "vitest";
import { MAINTENANCE_FILE, MaintenanceStore } from "./maintenance-store.js";

const log = createLogger("silent", "test");
const task: ScheduledMaintenance = {
  task: "reboot_system",
  start: "2026-03-10T04:00:00.000Z",
  notify_server: true,
  notice_at: "2026-03-10T03:55:00.000Z",
  scheduled_at: "2026-03-09T12:00:00.000Z",
};

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("MaintenanceStore", () => {
  test("keeps a task across instances and removes it when cleared", () => {
    dir = mkdtempSync(join(tmpdir(), "venus-maintenance-"));
    const store = new MaintenanceStore(dir, log);
    expect(store.load()).toBeUndefined();
    store.save(task);
    expect(new MaintenanceStore(dir, log).load()).toEqual(task);
    expect(readdirSync(dir)).toEqual([MAINTENANCE_FILE]);
    store.save(undefined);
    expect(store.load()).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("ignores a file that is not a valid task", () => {
    dir = mkdtempSync(join(tmpdir(), "venus-maintenance-"));
    const store = new MaintenanceStore(dir, log);
    writeFileSync(join(dir, MAINTENANCE_FILE), "{not json");
    expect(store.load()).toBeUndefined();
    writeFileSync(join(dir, MAINTENANCE_FILE), JSON.stringify({ ...task, task: "explode" }));
    expect(store.load()).toBeUndefined();
  });
});
