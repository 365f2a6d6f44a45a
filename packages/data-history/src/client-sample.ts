import type { LiveConnection } from "@venus/data-common";

/** The client kind bots connect with. */
const BOT_KIND = "bot";

export interface ClientSample {
  /** Connected WebSocket clients. */
  clients: number;
  /** Accounts with at least one of those clients. */
  online: number;
}

/** Connected clients and online accounts now, bots left out: bot accounts, and clients of kind `bot`. */
export function sampleClients(
  connections: Iterable<LiveConnection>,
  isBot: (accountId: string) => boolean,
): ClientSample {
  let clients = 0;
  const online = new Set<string>();
  for (const connection of connections) {
    if (connection.kind === BOT_KIND || isBot(connection.accountId)) continue;
    clients++;
    online.add(connection.accountId);
  }
  return { clients, online: online.size };
}

/** Accounts that are not bots. */
export function countPeople(accountIds: Iterable<string>, isBot: (accountId: string) => boolean): number {
  let people = 0;
  for (const id of accountIds) if (!isBot(id)) people++;
  return people;
}
