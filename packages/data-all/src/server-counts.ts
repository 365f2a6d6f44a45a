import { ACCOUNT_STATES, type ServerCounts } from "@venus/model";
import type { Components } from "./components.js";

/** Counts over what the components hold in memory now (`venus admin stats`); one pass over each map. */
export function serverCounts({ account, profile, media, chat }: Components): ServerCounts {
  const accounts = {
    total: 0,
    ...Object.fromEntries(ACCOUNT_STATES.map((state) => [state, 0])),
    locked: 0,
    bots: 0,
    admins: 0,
  } as ServerCounts["accounts"];
  for (const entry of account.cache.accounts.values()) {
    accounts.total++;
    accounts[entry.state]++;
    if (entry.locked) accounts.locked++;
    if (entry.bot) accounts.bots++;
    else if (entry.permissions.size > 0) accounts.admins++;
  }
  let images = 0;
  for (const owner of media.cache.accounts.values()) images += owner.content.length;
  let likesWaiting = 0;
  for (const likes of chat.cache.likesReceived.values()) likesWaiting += likes.size;
  return {
    accounts,
    online: {
      accounts: [...account.connections.onlineAccounts()].length,
      connections: account.connections.size,
    },
    profiles: { total: profile.cache.profiles.size, listed: profile.listing.index.size },
    images: { total: images, awaiting_moderation: media.cache.moderation.size },
    texts_awaiting_moderation: profile.cache.moderation.size,
    matches: chat.cache.conversations.size,
    likes_waiting: likesWaiting,
  };
}
