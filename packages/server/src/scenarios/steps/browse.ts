import type { VenusClient } from "@venus/bot-client";
import type { BrowsePage, BrowseResetRequest } from "@venus/model";

export type BrowseItem = BrowsePage["profiles"][number];

/** A whole new browse session, page by page until `done`: every profile the viewer may see now. */
export async function browseAll(
  client: VenusClient,
  request: BrowseResetRequest = {},
): Promise<BrowseItem[]> {
  const { session_id } = await client.profile.browseReset(request);
  const found: BrowseItem[] = [];
  for (;;) {
    const page = await client.profile.browseNext(session_id);
    found.push(...page.profiles);
    if (page.done) return found;
  }
}

/** The account ids a whole new browse session lists. */
export async function browsedIds(client: VenusClient, request: BrowseResetRequest = {}): Promise<string[]> {
  return (await browseAll(client, request)).map((item) => item.account_id);
}

/** The item of `accountId` in a whole new browse session, if the viewer finds it. */
export async function findBrowsing(client: VenusClient, accountId: string): Promise<BrowseItem | undefined> {
  return (await browseAll(client)).find((item) => item.account_id === accountId);
}
