import type { MessageEnvelope, SendMessageResponse } from "@venus/model";
import { describe, expect, test } from "vitest";
import { matchedPair, storedMessages } from "../testing/chat-flow.js";
import { Peer, type Attempt, type Phase } from "../testing/chat-peer.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as } from "../testing/profile-flow.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const PAIRS = 10;
/** Sends each user keeps in flight (pipelined on its socket, so frame order is send order). */
const LANES = 4;
/** Successful sends before the kill. */
const TARGET = 400;

const config = {
  rate_limits: GENEROUS_RATE_LIMITS,
  websocket: { messages_per_second: 100_000, message_burst: 100_000 },
  chat: {
    messages_per_day: 100_000,
    max_unacknowledged_per_conversation: 10_000,
    max_pending_receipts: 10_000,
    pending_page_size: 10_000,
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const answerOf = (attempt: Attempt): SendMessageResponse | undefined =>
  typeof attempt.before === "object" ? attempt.before : attempt.retry;

/** What the pair of `sender` (to `recipient`) violates of the durability contract. */
function violations(sender: Peer, recipient: Peer, restartedAt: number): string[] {
  const found: string[] = [];
  const sent = new Set(sender.attempts.map((a) => a.uuid));
  for (const uuid of recipient.received.keys())
    if (!sent.has(uuid)) found.push(`${uuid} received but never sent`);
  let lastNumber = 0;
  for (const attempt of sender.attempts) {
    const at = `message ${attempt.seq} (${attempt.uuid})`;
    const answer = answerOf(attempt);
    if (!answer) {
      found.push(`${at}: never answered 200 (${JSON.stringify(attempt.before)})`);
      continue;
    }
    if (attempt.again && JSON.stringify(attempt.again) !== JSON.stringify(answer))
      found.push(`${at}: answered ${JSON.stringify(answer)}, sent again ${JSON.stringify(attempt.again)}`);
    // Numbers increase in send order per sender (retries go out in send order too).
    if (answer.number <= lastNumber) found.push(`${at}: number ${answer.number} after ${lastNumber}`);
    lastNumber = answer.number;
    const copies = recipient.received.get(attempt.uuid) ?? [];
    if (copies.length === 0) {
      found.push(`${at}: answered ${JSON.stringify(answer)} but never delivered`);
      continue;
    }
    const [first] = copies as [(typeof copies)[number]];
    const expected: MessageEnvelope = {
      version: 1,
      sender: sender.user.accountId,
      recipient: recipient.user.accountId,
      uuid: attempt.uuid,
      number: answer.number,
      sent_at: answer.sent_at,
      sender_key_id: sender.user.keyId,
      recipient_key_id: recipient.user.keyId,
      body: attempt.body,
      signature: first.envelope.signature,
    };
    // Redeliveries (of an unacknowledged message) are identical: same number, body, signature.
    for (const copy of copies)
      if (JSON.stringify(copy.envelope) !== JSON.stringify(expected))
        found.push(`${at}: told ${JSON.stringify(answer)}, delivered ${JSON.stringify(copy)}`);
    const count = (phase: Phase) => copies.filter((c) => c.phase === phase).length;
    const [before, sync, after] = [count("before"), count("sync"), count("after")];
    if (before > 1 || sync > 1 || after > 1) found.push(`${at}: pushed ${before}/${sync}/${after} times`);
    // Exactly once for an acknowledged message: never again after the restart.
    if (recipient.ackedBefore.has(attempt.uuid) && copies.length !== 1)
      found.push(`${at}: acknowledged before the kill, delivered again (${before}/${sync}/${after})`);
    // A message stored before the kill (seen by the recipient then, or pending on reconnect) is the
    // one a retry gets; a retry of one that was not is stored anew, by the restarted server.
    const storedBefore = before + sync > 0;
    if (storedBefore && after > 0) found.push(`${at}: stored before the kill, stored again by the retry`);
    if (storedBefore && answer.sent_at >= restartedAt)
      found.push(`${at}: stored before the kill, answered with a new sent_at`);
    if (!storedBefore && answer.sent_at < restartedAt) found.push(`${at}: stored before the kill but lost`);
  }
  for (const receipt of sender.receipts) {
    const attempt = sender.attempts.find((a) => a.uuid === receipt.uuid);
    const answer = attempt && answerOf(attempt);
    if (!answer || receipt.number !== answer.number || receipt.recipient !== recipient.user.accountId)
      found.push(`receipt ${JSON.stringify(receipt)} for ${JSON.stringify(answer)}`);
  }
  return found;
}

describe("chat durability", () => {
  test("kill -9 while 10 pairs chat: every message answered 200 is delivered exactly once after restart", async () => {
    const started = Date.now();
    const first = await startServer({ config });
    let second: RunningServer | undefined;
    try {
      const pairs = await Promise.all(Array.from({ length: PAIRS }, () => matchedPair(first)));
      const peers: Peer[] = [];
      for (const [a, b] of pairs) peers.push(new Peer(a, b), new Peer(b, a));
      const partnerOf = (peer: Peer) => peers.find((p) => p.user === peer.partner) as Peer;
      // Each user now talks over its own client socket (one live connection per session).
      await Promise.all(
        peers.map(async (peer) => {
          peer.user.ws.close();
          await peer.user.ws.closed;
          await peer.connect(first);
        }),
      );
      const setUp = Date.now();

      // Traffic: every user keeps LANES sends in flight to its partner; both sides acknowledge as
      // messages and receipts arrive. Kill -9 once TARGET sends have succeeded, without stopping it.
      let succeeded = 0;
      let reached!: () => void;
      const target = new Promise<void>((resolve) => (reached = resolve));
      const loops = peers.flatMap((peer) =>
        Array.from({ length: LANES }, () =>
          peer.sendLoop(() => {
            succeeded++;
            // From here on half the users stop acknowledging, so answered messages are certainly
            // still pending at the kill: their resend after the restart must get the original answer.
            if (succeeded === Math.floor((TARGET * 3) / 4))
              peers.forEach((p, i) => {
                if (i % 2 === 0) p.autoAck = false;
              });
            if (succeeded === TARGET) reached();
          }),
        ),
      );
      // (The loops end early only if a send is refused: then fail rather than wait.)
      await Promise.race([target, Promise.all(loops)]);
      expect(succeeded).toBeGreaterThanOrEqual(TARGET);
      const killedAt = Date.now();
      first.process.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      await Promise.all(loops);
      await Promise.all(peers.map((peer) => peer.socket.closed));
      // Every message the first server stored has sent_at before this; the second one's after it.
      const restartedAt = Date.now();

      const attempts = peers.flatMap((peer) => peer.attempts);
      const answeredBefore = attempts.filter((a) => typeof a.before === "object").length;
      const unanswered = attempts.filter((a) => a.before === "no_answer");
      // The crash came mid-traffic: enough sends had succeeded, and others were still waiting.
      expect(answeredBefore).toBeGreaterThanOrEqual(TARGET);
      expect(unanswered.length).toBeGreaterThan(0);

      // Restart on the same data; every session reconnects with its (durable) access token. The
      // pending messages pushed after welcome must be what GET /chat/messages/pending lists.
      second = await startServer({ config, dataDir: first.dataDir });
      const server = second;
      for (const peer of peers) {
        peer.phase = "sync";
        peer.autoAck = false;
      }
      await Promise.all(
        peers.map(async (peer) => {
          await peer.connect(server);
          await peer.socket.ping();
        }),
      );
      for (const peer of peers) {
        const pending = await as(server, peer.user).get<{ messages: MessageEnvelope[]; more: boolean }>(
          "/chat/messages/pending",
        );
        expect(pending.status).toBe(200);
        expect(pending.body).toEqual({ messages: peer.syncPushed, more: false });
        const numbers = peer.syncPushed.map((e) => e.number);
        expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
      }
      const recovered = unanswered.filter((a) =>
        peers.some((peer) => peer.received.get(a.uuid)?.some((c) => c.phase !== "after")),
      ).length;
      const redelivered = peers.reduce((n, peer) => n + peer.syncPushed.length, 0);
      // Answers lost with the crash, though the sends were answered: the same UUID again gets the
      // original answer (checked in `violations`), and nothing new is stored or pushed.
      const resent = await Promise.all(
        peers.map((peer) => peer.resendAnswered(partnerOf(peer).syncPushed, 2)),
      );
      expect(resent.reduce((n, count) => n + count, 0)).toBeGreaterThan(0);
      await Promise.all(
        peers.map(async (peer) => {
          if (peer.syncPushed.length > 0) await peer.ack(peer.syncPushed);
          peer.phase = "after";
          peer.autoAck = true;
        }),
      );

      // Each sender retries what it got no answer for: the original result, or stored now.
      await Promise.all(peers.map((peer) => peer.retryUnanswered()));
      const deadline = Date.now() + 10_000;
      while ((storedMessages(server).length > 0 || !peers.every((p) => p.idle)) && Date.now() < deadline)
        await sleep(20);

      const problems = peers.flatMap((peer) => peer.problems);
      expect(problems).toEqual([]);
      expect(peers.flatMap((peer) => violations(peer, partnerOf(peer), restartedAt))).toEqual([]);
      // Numbers are per conversation, both directions sharing them: 1, 2, 3… with no gap or repeat
      // (the sends lost in the crash had their numbers rolled back with them).
      for (const [a, b] of pairs) {
        const numbers = peers
          .filter((peer) => peer.user === a || peer.user === b)
          .flatMap((peer) => peer.attempts.map((attempt) => answerOf(attempt)?.number))
          .sort((x, y) => (x ?? 0) - (y ?? 0));
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      }
      // Both sides have acknowledged everything: nothing pending, no receipts, no rows left.
      for (const peer of peers) {
        const pending = await as(server, peer.user).get("/chat/messages/pending");
        expect(pending.body).toEqual({ messages: [], more: false });
        const receipts = await as(server, peer.user).get("/chat/receipts");
        expect(receipts.body).toEqual({ delivered: [], seen: [] });
        expect(peer.deferredReceipts.size).toBe(0);
      }
      expect(storedMessages(server)).toEqual([]);

      const acksUnanswered = peers.reduce((n, peer) => n + peer.acksUnanswered, 0);
      const sentAcksUnanswered = peers.reduce((n, peer) => n + peer.sentAcksUnanswered, 0);
      console.log(
        `chat durability: ${answeredBefore} sends answered before kill -9, ${unanswered.length} unanswered ` +
          `(${recovered} of them stored before the kill), ${acksUnanswered} recipient acks and ` +
          `${sentAcksUnanswered} sender acks unanswered, ${redelivered} messages pushed again on reconnect, ` +
          `${resent.reduce((n, count) => n + count, 0)} answered sends sent again; ` +
          `setup ${setUp - started} ms, traffic ${killedAt - setUp} ms, ` +
          `recovery ${Date.now() - restartedAt} ms`,
      );
      await Promise.all(peers.map((peer) => peer.socket.close()));
    } finally {
      if (first.process.exitCode === null && first.process.signalCode === null) await first.stop();
      await second?.stop();
      first.cleanup();
    }
  }, 60_000);
});
