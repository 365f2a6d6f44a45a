import { describe, expect, test } from "vitest";
import { parseJournal, parseShow, statusFromShow } from "./systemd-server.js";

describe("reading systemd", () => {
  test("a running unit's status from systemctl show", () => {
    const properties = parseShow(
      "ActiveState=active\nMainPID=4242\nActiveEnterTimestamp=@1700000000\nNRestarts=3\n",
    );
    const status = statusFromShow("venus.service", properties, 1);
    expect(status).toMatchObject({
      control: "systemd",
      unit: "venus.service",
      running: true,
      pid: 4242,
      since: "2023-11-14T22:13:20.000Z",
      restarts: 3,
      requested_restarts: 1,
    });
    expect(status.uptime_seconds).toBeGreaterThan(0);
  });

  test("a stopped or failed unit is not running and has no pid or start time", () => {
    for (const state of ["inactive", "failed", "activating"]) {
      const properties = parseShow(`ActiveState=${state}\nMainPID=0\nActiveEnterTimestamp=\nNRestarts=0`);
      expect(statusFromShow("venus.service", properties, 0)).toMatchObject({
        running: false,
        pid: null,
        since: null,
        uptime_seconds: null,
      });
    }
  });

  test("journal lines: text or bytes, time in ms, blank lines skipped", () => {
    const output = [
      JSON.stringify({ __REALTIME_TIMESTAMP: "1700000000123456", MESSAGE: '{"msg":"listening"}' }),
      "",
      JSON.stringify({ __REALTIME_TIMESTAMP: "1700000001000000", MESSAGE: [104, 105] }),
      JSON.stringify({ __REALTIME_TIMESTAMP: "1700000002000000", MESSAGE: null }),
    ].join("\n");
    expect(parseJournal(output)).toEqual([
      { time: 1700000000123, stream: "journal", text: '{"msg":"listening"}' },
      { time: 1700000001000, stream: "journal", text: "hi" },
      { time: 1700000002000, stream: "journal", text: "" },
    ]);
  });
});
