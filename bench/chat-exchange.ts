/**
 * The chat benchmark's workload: messages through their whole life over the WebSocket, as a client
 * does it, the same code for Venus and the relay.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Frame, WsClient } from "../packages/server/src/testing/ws-client.js";
import { CHAT_KEY_ID } from "./chat-data.js";
import type { ChatPair, ChatPeer } from "./chat-peers.js";
import { sleep, withTimeout } from "./concurrency.js";

/** Longest any one frame may take to arrive before the benchmark fails. */
const FRAME_TIMEOUT_MS = 30_000;
/** What a message weighs: an encrypted short text. The server never looks inside. */
export const BODY_BYTES = 200;
const BODY = randomBytes(BODY_BYTES).toString("base64");

/** One message's times on the client, from sending `chat.send`. */
export interface Timing {
  /** Until the recipient got `new_message`. */
  receivedMs: number;
  /** Until the sender's `chat.sent.ack` was answered: both sides done, the message deleted. */
  doneMs: number;
}

let lastRequestId = 0;

/** Sends a request frame and resolves with the response body; anything but 200 fails. */
async function request(ws: WsClient, method: string, body: object): Promise<unknown> {
  const id = ++lastRequestId;
  ws.send({ type: "request", id, method, body });
  const reply = await ws.take((f) => f.type === "response" && f.id === id, FRAME_TIMEOUT_MS);
  if (reply.status !== 200)
    throw new Error(`${method}: ${String(reply.status)} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/**
 * The first event of this name whose data passes `matches`. Its timeout is handled at once, so that
 * it is not an unhandled rejection when a failure elsewhere in the exchange ends the wait first.
 */
function nextEvent(
  ws: WsClient,
  event: string,
  matches: (data: Record<string, unknown>) => boolean,
): Promise<Frame> {
  const frame = ws.take(
    (f) => f.type === "event" && f.event === event && matches(f.data as Record<string, unknown>),
    FRAME_TIMEOUT_MS,
  );
  frame.catch(() => undefined);
  return frame;
}

/**
 * One message from `from` to `to`: `chat.send`; the recipient gets `new_message` and sends
 * `chat.ack`; the sender gets `delivered` and sends `chat.sent.ack`, after which Venus has deleted it.
 */
export async function exchange(from: ChatPeer, to: ChatPeer): Promise<Timing> {
  const uuid = randomUUID();
  const received = nextEvent(to.ws, "new_message", (d) => d.uuid === uuid && d.sender === from.accountId);
  const delivered = nextEvent(from.ws, "delivered", (d) =>
    (d.receipts as { uuid: string }[]).some((r) => r.uuid === uuid),
  );
  const started = performance.now();
  const sender = async () => {
    const result = (await request(from.ws, "chat.send", {
      recipient: to.accountId,
      uuid,
      sender_key_id: CHAT_KEY_ID,
      recipient_key_id: CHAT_KEY_ID,
      body: BODY,
    })) as { uuid: string };
    if (result.uuid !== uuid) throw new Error(`chat.send answered for ${result.uuid}, sent ${uuid}`);
    await delivered;
    await request(from.ws, "chat.sent.ack", { uuids: [uuid] });
  };
  const recipient = async () => {
    await received;
    const receivedMs = performance.now() - started;
    await request(to.ws, "chat.ack", { messages: [{ sender: from.accountId, uuid }] });
    return receivedMs;
  };
  const [, receivedMs] = await Promise.all([sender(), recipient()]);
  return { receivedMs, doneMs: performance.now() - started };
}

/** Message n of a pair goes from a to b when n is even, from b to a when odd. */
const exchangeNth = ({ a, b }: ChatPair, n: number) => (n % 2 === 0 ? exchange(a, b) : exchange(b, a));

/**
 * Flat out: every pair keeps `window` messages in flight (lane j sends its pair's messages
 * j, j + window, …, so with a window of 2 one goes each way), `perLane` one after another in each.
 * Resolves with the number of messages.
 */
export async function flatOut(pairs: readonly ChatPair[], window: number, perLane: number): Promise<number> {
  const lane = async (pair: ChatPair, j: number) => {
    for (let k = 0; k < perLane; k++) await exchangeNth(pair, j + k * window);
  };
  const lanes = pairs.flatMap((pair) => Array.from({ length: window }, (_, j) => lane(pair, j)));
  await withTimeout(Promise.all(lanes), FRAME_TIMEOUT_MS * perLane, "flat-out round");
  return lanes.length * perLane;
}

/**
 * Paced: each pair starts a message every `intervalMs` (alternating direction, from a random offset,
 * or at once when the previous one finished late), `perPair` in all. Resolves with their timings.
 */
export async function paced(
  pairs: readonly ChatPair[],
  intervalMs: number,
  perPair: number,
): Promise<Timing[]> {
  const timings: Timing[] = [];
  const start = performance.now();
  const pair = async (p: ChatPair) => {
    const offset = Math.random() * intervalMs;
    for (let n = 0; n < perPair; n++) {
      const wait = start + offset + n * intervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      timings.push(await exchangeNth(p, n));
    }
  };
  await withTimeout(Promise.all(pairs.map(pair)), perPair * intervalMs + FRAME_TIMEOUT_MS, "paced round");
  return timings;
}
