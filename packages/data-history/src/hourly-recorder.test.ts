import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WriteBehindFlusher, WriterMetrics, type LiveConnection } from "@venus/data-common";
import { VenusConfig } from "@venus/model";
import { createLogger, loadConfig, Metrics } from "@venus/simple-backend";
import { afterEach, expect, it, vi } from "vitest";
import { openHistoryComponent } from "./history-component.js";
import { HourlyRecorder } from "./hourly-recorder.js";
import { hourlyHistory } from "./operations/hourly-history.js";

const HOUR = Date.parse("2026-03-01T10:00:00Z");
let dataDir: string | undefined;
afterEach(() => {
  vi.useRealTimers();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it("samples every sample_seconds and stores the hour that ended at the boundary", async () => {
  vi.useFakeTimers({
    now: HOUR - 25_000,
    toFake: ["setTimeout", "setInterval", "clearTimeout", "clearInterval", "Date"],
  });
  dataDir = mkdtempSync(join(tmpdir(), "venus-recorder-"));
  const config = loadConfig({ schema: VenusConfig, envPrefix: "VENUS_TEST_NONE_", env: {} });
  config.data_dir = dataDir;
  config.statistics.sample_seconds = 10;
  const connections: LiveConnection[] = [{ accountId: "a", kind: "web" } as LiveConnection];
  const { ctx, writer, db } = openHistoryComponent({
    config,
    log: createLogger("silent", "test"),
    writerMetrics: new WriterMetrics(new Metrics()),
    flusher: new WriteBehindFlusher(() => {}),
    sources: { connections: () => connections, accountIds: () => ["a"], isBot: () => false },
  });
  const recorder = new HourlyRecorder(ctx, createLogger("silent", "test"));
  recorder.start();
  await vi.advanceTimersByTimeAsync(20_000);
  connections.push({ accountId: "b", kind: "ios" } as LiveConnection);
  await vi.advanceTimersByTimeAsync(5_000 + 100);
  const ended = hourlyHistory(ctx, { from: HOUR - 3_600_000, to: HOUR + 1 }).hours;
  // Samples at -25 s (start), -15 s and -5 s; the boundary's sample belongs to the new hour.
  expect(ended).toMatchObject([{ hour: HOUR - 3_600_000, samples: 3, clients: { min: 1, max: 1 } }]);
  await recorder.stop();
  expect(ctx.window.at(Date.now())).toMatchObject({ hour: HOUR, samples: 1, clientsMax: 2, onlineMax: 2 });
  await writer.close();
  db.close();
});
