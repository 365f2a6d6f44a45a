import type { DevicesResponse } from "@venus/model";
import { expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { PASSWORD, connect, login, register, type SignedIn, type Tokens } from "../testing/sign-in.js";
import { useServer } from "../testing/server-fixture.js";
import { startServer } from "../testing/spawn-server.js";

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

const devices = async (user: SignedIn, server: { url: string } = fixture.server) => {
  const reply = await request<DevicesResponse>(server.url, "GET", "/account/devices", {
    token: user.accessToken,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.devices;
};

const signOut = (user: SignedIn, id: string) =>
  request(fixture.server.url, "DELETE", `/account/devices/${id}`, { token: user.accessToken });

async function twoPhones() {
  const email = await register(fixture.server);
  const phone = await connect(fixture.server, await login(fixture.server, email), { kind: "android" });
  const tokens = await login(fixture.server, email);
  const secondPhone = await connect(fixture.server, tokens, { kind: "android" });
  return { email, phone, secondPhone, secondTokens: tokens };
}

test("two phones of one account are two live devices, and events reach both", async () => {
  const { phone, secondPhone } = await twoPhones();
  for (const device of [phone, secondPhone]) {
    expect(await device.ws.next()).toEqual({ type: "event", event: "account_state_changed" });
    expect((await getState(fixture.server, device.accessToken)).status).toBe(200);
  }
  const asked = await request(fixture.server.url, "POST", "/account/delete", {
    token: phone.accessToken,
    body: { password: PASSWORD },
  });
  expect(asked.status).toBe(200);
  for (const device of [phone, secondPhone]) {
    expect(await device.ws.next()).toMatchObject({
      type: "event",
      event: "account_state_changed",
      data: { state: "pending_deletion" },
    });
    device.ws.close();
  }
});

test("GET /account/devices lists every session with its client, coarse address and which is this one", async () => {
  const { email, phone, secondPhone } = await twoPhones();
  await login(fixture.server, email); // a device that has not connected yet
  const listed = await devices(phone);
  expect(listed).toHaveLength(3);
  const byCurrent = listed.filter((device) => device.current);
  expect(byCurrent).toHaveLength(1);
  expect(byCurrent[0]).toMatchObject({
    client: { kind: "android", version: "1.0.0" },
    address: "127.0.0.0/24",
    online: true,
  });
  expect(listed.filter((device) => device.online)).toHaveLength(2);
  expect(listed.find((device) => device.client === null)).toMatchObject({ address: null, online: false });
  for (const device of listed) {
    expect(device.id).toMatch(/^[0-9a-f]{32}$/);
    expect(device.last_seen_at).toBeGreaterThanOrEqual(device.created_at);
  }
  // The same list from the other phone: the same ids, another one is current.
  const fromSecond = await devices(secondPhone);
  expect(fromSecond.map((device) => device.id).sort()).toEqual(listed.map((device) => device.id).sort());
  expect(fromSecond.find((device) => device.current)?.id).not.toBe(byCurrent[0]?.id);
  // A device id is no token.
  for (const { id } of listed) {
    expectError(await getState(fixture.server, id), 401, "invalid_token");
    expectError(
      await request(fixture.server.url, "POST", "/account/refresh", { body: { refresh_token: id } }),
      401,
      "invalid_token",
    );
  }
  for (const device of [phone, secondPhone]) device.ws.close();
});

test("DELETE /account/devices/{id} signs that device out at once: its socket is told why, its tokens die", async () => {
  const { phone, secondPhone, secondTokens } = await twoPhones();
  const other = (await devices(phone)).find((device) => !device.current);
  expect(other).toBeDefined();
  expect((await signOut(phone, other?.id ?? "")).status).toBe(200);
  expect(await secondPhone.ws.take((frame) => frame.type === "disconnect")).toEqual({
    type: "disconnect",
    reason: "device_signed_out",
  });
  expect((await secondPhone.ws.closed).code).toBe(4004);
  expectError(await getState(fixture.server, secondPhone.accessToken), 401, "invalid_token");
  expectError(
    await request<Tokens>(fixture.server.url, "POST", "/account/refresh", {
      body: { refresh_token: secondTokens.refresh_token },
    }),
    401,
    "invalid_token",
  );
  const left = await devices(phone);
  expect(left.map((device) => device.id)).not.toContain(other?.id);
  expect(left).toHaveLength(1);
  // Gone already, malformed, or another account's: all the same 404.
  expectError(await signOut(phone, other?.id ?? ""), 404, "not_found");
  expectError(await signOut(phone, "not-a-device"), 404, "not_found");
  const stranger = await twoPhones();
  const strangersDevice = (await devices(stranger.phone))[0];
  expectError(await signOut(phone, strangersDevice?.id ?? ""), 404, "not_found");
  expect((await getState(fixture.server, stranger.phone.accessToken)).status).toBe(200);
  for (const device of [phone, stranger.phone, stranger.secondPhone]) device.ws.close();
});

test("a device may sign itself out: the same as logging out", async () => {
  const { phone, secondPhone } = await twoPhones();
  const own = (await devices(phone)).find((device) => device.current);
  expect((await signOut(phone, own?.id ?? "")).status).toBe(200);
  expect(await phone.ws.take((frame) => frame.type === "disconnect")).toEqual({
    type: "disconnect",
    reason: "device_signed_out",
  });
  expectError(await getState(fixture.server, phone.accessToken), 401, "invalid_token");
  expect((await getState(fixture.server, secondPhone.accessToken)).status).toBe(200);
  secondPhone.ws.close();
});

test("the device list survives a restart: ids, clients and addresses are kept", async () => {
  const first = await startServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });
  const email = await register(first);
  const tokens = await login(first, email);
  const phone = await connect(first, tokens, { kind: "ios" });
  await connect(first, await login(first, email), { kind: "web" }); // the laptop
  const before = await devices(phone, first);
  await first.stop();
  const again = await startServer({ config: { rate_limits: GENEROUS_RATE_LIMITS }, dataDir: first.dataDir });
  // Only the phone comes back: what the list says of the laptop was stored before the restart.
  const back = await connect(again, { ...tokens, access_token: phone.accessToken }, { kind: "ios" });
  const after = await devices(back, again);
  const laptopEntry = before.find((device) => !device.current);
  expect(laptopEntry).toMatchObject({ client: { kind: "web", version: "1.0.0" }, address: "127.0.0.0/24" });
  expect(after.find((device) => device.id === laptopEntry?.id)).toEqual({ ...laptopEntry, online: false });
  expect(after.find((device) => device.current)?.id).toBe(before.find((device) => device.current)?.id);
  back.ws.close();
  await again.stop();
  again.cleanup();
});
