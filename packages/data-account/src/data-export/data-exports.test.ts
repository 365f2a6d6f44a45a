import { describe, expect, it } from "vitest";
import { DataExports } from "./data-exports.js";

const HOUR_MS = 3_600_000;

function setup(config = { export_ttl_hours: 2, export_min_interval_hours: 1 }) {
  const clock = { now: 1_000_000 };
  const exports = new DataExports(config, () => clock.now);
  const builds: number[] = [];
  const start = (id = "a") =>
    exports.start(id, (requestedAt) => {
      builds.push(requestedAt);
      return Promise.resolve();
    });
  const finish = (id = "a") => {
    const expiresAt = exports.expiryFromNow();
    return exports.finish(id, builds.at(-1) as number, `${id}.${expiresAt}.zip`, expiresAt);
  };
  return { clock, exports, builds, start, finish };
}

const error = (code: string) => expect.objectContaining({ code });

describe("DataExports", () => {
  it("goes none → building → ready → taken once", () => {
    const { clock, exports, start, finish } = setup();
    expect(exports.status("a")).toEqual({ state: "none" });
    expect(start()).toEqual({ state: "building", requested_at: new Date(clock.now).toISOString() });
    expect(() => exports.take("a")).toThrow(error("export_in_progress"));
    expect(finish()).toBe(true);
    expect(exports.status("a")).toMatchObject({
      state: "ready",
      expires_at: new Date(clock.now + 2 * HOUR_MS).toISOString(),
    });
    expect(exports.take("a")).toBe(`a.${clock.now + 2 * HOUR_MS}.zip`);
    expect(exports.status("a")).toEqual({ state: "none" });
    expect(() => exports.take("a")).toThrow(error("not_found"));
  });

  it("builds one at a time and at most once per interval, to the millisecond", () => {
    const { clock, exports, start, finish } = setup();
    start();
    expect(() => start()).toThrow(error("export_in_progress"));
    finish();
    exports.take("a");
    clock.now += HOUR_MS - 1;
    expect(() => start()).toThrow(
      expect.objectContaining({ code: "export_limit_reached", retryAfterSeconds: 1 }),
    );
    expect(start("b").state).toBe("building");
    clock.now += 1;
    expect(start().state).toBe("building");
  });

  it("with no interval, asks again as soon as the last build is done", () => {
    const { exports, start, finish } = setup({ export_ttl_hours: 1, export_min_interval_hours: 0 });
    start();
    expect(() => start()).toThrow(error("export_in_progress"));
    finish();
    expect(start().state).toBe("ready");
    exports.take("a");
    expect(start().state).toBe("building");
  });

  it("expires an archive not downloaded in time: from its expiry on, not before", () => {
    const { clock, exports, start, finish } = setup();
    start();
    finish();
    const file = `a.${clock.now + 2 * HOUR_MS}.zip`;
    clock.now += 2 * HOUR_MS - 1;
    expect(exports.expire()).toEqual([]);
    expect(exports.status("a").state).toBe("ready");
    clock.now += 1;
    expect(exports.status("a").state).toBe("expired");
    expect(() => exports.take("a")).toThrow(error("export_expired"));
    expect(exports.expire()).toEqual([]);
    expect(exports.status("a").state).toBe("expired");
    expect(file).toContain(".zip");
  });

  it("hands each expired file over once for removal", () => {
    const { clock, exports, start, finish } = setup();
    start();
    finish();
    clock.now += 2 * HOUR_MS;
    expect(exports.expire()).toEqual([`a.${clock.now}.zip`]);
    expect(exports.expire()).toEqual([]);
  });

  it("does not count a failed build, and discards a build of a forgotten account", () => {
    const { exports, builds, start, finish } = setup();
    start();
    exports.fail("a", builds[0] as number);
    expect(exports.status("a")).toEqual({ state: "none" });
    start();
    exports.forget("a");
    expect(finish()).toBe(false);
    expect(exports.status("a")).toEqual({ state: "none" });
  });

  it("restores an archive found at start-up, counting its request time", () => {
    const { clock, exports, start, builds } = setup();
    exports.restore("a", "a.zip", clock.now + HOUR_MS);
    expect(exports.status("a")).toMatchObject({
      state: "ready",
      requested_at: new Date(clock.now - HOUR_MS).toISOString(),
    });
    // Still ready: asking again answers it instead of building another.
    expect(start().state).toBe("ready");
    expect(builds).toEqual([]);
    expect(exports.take("a")).toBe("a.zip");
  });
});
