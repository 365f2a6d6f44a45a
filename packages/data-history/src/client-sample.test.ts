import type { LiveConnection } from "@venus/data-common";
import { expect, it } from "vitest";
import { countPeople, sampleClients } from "./client-sample.js";

const connection = (accountId: string, kind: string) =>
  ({ accountId, kind, sessionId: `${accountId}-${kind}` }) as LiveConnection;

it("counts clients and online accounts without bots, whether by account or by client kind", () => {
  const isBot = (id: string) => id === "robot";
  const sample = sampleClients(
    [
      connection("ann", "android"),
      connection("ann", "web"),
      connection("bob", "ios"),
      connection("robot", "web"),
      connection("cy", "bot"),
    ],
    isBot,
  );
  expect(sample).toEqual({ clients: 3, online: 2 });
  expect(sampleClients([], isBot)).toEqual({ clients: 0, online: 0 });
  expect(countPeople(["ann", "bob", "robot"], isBot)).toBe(2);
});
