import { attempt, type VenusClient } from "@venus/bot-client";
import { afterAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { browsedIds } from "./steps/browse.js";
import { CENTRE, north } from "./steps/places.js";
import { privatePerson, publicPerson } from "./steps/people.js";

/**
 * The listing follows the target's visibility, not the viewer's: a private viewer sees public
 * profiles, a public viewer does not see private ones, and a target that flips its visibility
 * changes what everyone sees, even in a browse session already started.
 *
 * One profile per page, so a session meets Fanni (nearer) on its first page and Tina on a later one.
 */

const fixture = useServer({
  config: { rate_limits: GENEROUS_RATE_LIMITS, profile: { page_size: 1 } },
});

const clients: VenusClient[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
});

const woman = (name: string) => ({ name, gender: "woman" as const, lookingFor: ["man" as const] });
const man = (name: string) => ({ name, gender: "man" as const, lookingFor: ["woman" as const] });

/** Whether `viewer` can open `target`'s profile (`404 not_found` when it may not). */
async function canView(viewer: VenusClient, target: string): Promise<boolean> {
  const result = await attempt(viewer.profile.get(target));
  if (result.ok) return true;
  expect(result.error).toMatchObject({ status: 404, code: "not_found" });
  return false;
}

test("a private viewer sees public targets, a public viewer does not see private ones, flips show at once", async () => {
  const { url } = fixture.server;
  const [tina, fanni, pekka, paavo] = await Promise.all([
    publicPerson(url, woman("Tina"), north(CENTRE, 3)),
    publicPerson(url, woman("Fanni"), north(CENTRE, 2)),
    privatePerson(url, man("Pekka"), CENTRE),
    publicPerson(url, man("Paavo"), north(CENTRE, 1)),
  ]);
  clients.push(tina.client, fanni.client, pekka.client, paavo.client);
  const target = tina.client.accountId;
  const filler = fanni.client.accountId;

  // Tina is public: Pekka, though private himself, finds and views her; so does Paavo.
  for (const viewer of [pekka.client, paavo.client]) {
    expect(await browsedIds(viewer)).toEqual([filler, target]);
    expect(await canView(viewer, target)).toBe(true);
  }

  // Tina goes private: Paavo, though public, no longer finds or views her; nor does Pekka.
  await tina.client.profile.setVisibility("private");
  for (const viewer of [paavo.client, pekka.client]) {
    expect(await browsedIds(viewer)).toEqual([filler]);
    expect(await canView(viewer, target)).toBe(false);
  }
  // Paavo going private does not help him see her either.
  await paavo.client.profile.setVisibility("private");
  expect(await browsedIds(paavo.client)).toEqual([filler]);

  // Public again: everyone sees her, whatever their own visibility.
  await tina.client.profile.setVisibility("public");
  for (const viewer of [paavo.client, pekka.client]) {
    expect(await browsedIds(viewer)).toEqual([filler, target]);
    expect(await canView(viewer, target)).toBe(true);
  }

  // In a session already started, Tina going private before her page comes up is not shown.
  let session = (await pekka.client.profile.browseReset()).session_id;
  expect((await pekka.client.profile.browseNext(session)).profiles.map((p) => p.account_id)).toEqual([
    filler,
  ]);
  await tina.client.profile.setVisibility("private");
  expect(await pekka.client.profile.browseNext(session)).toEqual({ profiles: [], done: true });

  // Public again, she is listed for the next session. (Within a session already past her distance
  // she is not: the iterator shows no entry that joins the part of the map it has already scanned.)
  await tina.client.profile.setVisibility("public");
  expect(await browsedIds(pekka.client)).toEqual([filler, target]);
});
