import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { EncryptPool, EncryptQueueFullError } from "./encrypt-pool.js";

const KEYS = {
  p256dh: "BECH38PJCGcu8-nV853N57BMAdSQ58s19NdfbxwU1fXeNBZcEzav50Q9HS7XCvEcdcKYffAjeNMo-D7FkbqIK-g",
  auth: "SlwBO9FDwM0Q2hdRaZnGHQ",
};
/** RFC 8188 header (salt 16, record size 4, key id length 1, key 65), one padding delimiter, GCM tag. */
const OVERHEAD = 86 + 1 + 16;

describe("EncryptPool", () => {
  let pool: EncryptPool | undefined;
  afterEach(() => pool?.close());

  it("encrypts on its threads and refuses more than encrypt_queue payloads at once", async () => {
    pool = new EncryptPool(1, 2);
    const payload = JSON.stringify({ kind: "message", count: 1 });
    const first = pool.encrypt(KEYS.p256dh, KEYS.auth, payload);
    const second = pool.encrypt(KEYS.p256dh, KEYS.auth, payload);
    await expect(pool.encrypt(KEYS.p256dh, KEYS.auth, payload)).rejects.toBeInstanceOf(EncryptQueueFullError);
    const bodies = await Promise.all([first, second]);
    for (const body of bodies) expect(body.byteLength).toBe(payload.length + OVERHEAD);
    // Each payload gets its own salt and key.
    expect(Buffer.from(bodies[0]).equals(Buffer.from(bodies[1]))).toBe(false);
    // Room again once those are done.
    expect((await pool.encrypt(KEYS.p256dh, KEYS.auth, payload)).byteLength).toBe(payload.length + OVERHEAD);
  });

  it("answers a key it cannot use with an error, and keeps working", async () => {
    pool = new EncryptPool(2, 10);
    await expect(pool.encrypt("AAAA", KEYS.auth, "{}")).rejects.toThrow();
    expect((await pool.encrypt(KEYS.p256dh, KEYS.auth, "{}")).byteLength).toBe(2 + OVERHEAD);
  });

  it("keeps no process alive that never closes it (a command that opens the server's components)", () => {
    const built = new URL("../../dist/providers/encrypt-pool.js", import.meta.url).href;
    const script = `import { EncryptPool } from ${JSON.stringify(built)}; new EncryptPool(2, 10);`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { timeout: 20_000 });
    expect(child.signal, "still running after 20 s").toBeNull();
    expect(child.status, child.stderr.toString()).toBe(0);
  });
});
