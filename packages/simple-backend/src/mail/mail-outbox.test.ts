import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { freePort, startSmtpSink } from "../testing/index.js";
import type { MailOutboxStore, QueuedMail } from "./mail-outbox-store.js";
import { MailOutbox, type MailOutboxOptions } from "./mail-outbox.js";
import { MailRefusedError, type MailTransport, type OutgoingMail } from "./outgoing-mail.js";
import { createSmtpTransport } from "./smtp-transport.js";

interface Reschedule {
  id: number;
  attempts: number;
  nextAttemptAt: number;
  error: string;
}

/** The store's contract kept in a map; the SQLite store is tested with the database. */
class MemoryOutboxStore implements MailOutboxStore {
  readonly reschedules: Reschedule[] = [];
  /** How many of the next `due` calls throw, as a locked or broken database would. */
  failingDueCalls = 0;
  private readonly rows = new Map<number, { mail: QueuedMail; dueAt: number }>();
  private lastId = 0;

  add(mail: OutgoingMail, queuedAt: number, attempts = 0): number {
    const id = ++this.lastId;
    this.rows.set(id, { mail: { ...mail, id, queuedAt, attempts }, dueAt: queuedAt });
    return id;
  }

  ids(): number[] {
    return [...this.rows.keys()];
  }

  due(now: number, limit: number): QueuedMail[] {
    if (this.failingDueCalls > 0) {
      this.failingDueCalls--;
      throw new Error("database is locked");
    }
    return [...this.rows.values()]
      .filter((row) => row.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt || a.mail.id - b.mail.id)
      .slice(0, limit)
      .map((row) => ({ ...row.mail }));
  }

  nextDueAt(): number | undefined {
    const times = [...this.rows.values()].map((row) => row.dueAt);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  async remove(id: number): Promise<void> {
    this.rows.delete(id);
  }

  async reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
    this.reschedules.push({ id, attempts, nextAttemptAt, error });
    const row = this.rows.get(id);
    if (!row) throw new Error(`no mail ${id}`);
    row.mail.attempts = attempts;
    row.dueAt = nextAttemptAt;
  }
}

/** Records every try; `behave` decides each one (throw to fail, await to hold the send open). */
class ScriptedTransport implements MailTransport {
  readonly tries: OutgoingMail[] = [];
  readonly sent: OutgoingMail[] = [];
  closed = false;
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly behave: (mail: OutgoingMail, tryNumber: number) => Promise<void> | void) {}

  async send(mail: OutgoingMail): Promise<void> {
    this.tries.push(mail);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      await this.behave(mail, this.tries.length);
      this.sent.push(mail);
    } finally {
      this.inFlight--;
    }
  }

  close(): void {
    this.closed = true;
  }
}

type LogLine = Record<string, unknown>;

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function mail(name: string): OutgoingMail {
  return { to: `${name}@example.test`, subject: `subject ${name}`, text: `code for ${name}` };
}

const outboxes: MailOutbox[] = [];
afterEach(async () => {
  await Promise.all(outboxes.splice(0).map((outbox) => outbox.stop()));
});

function startOutbox(options: Partial<MailOutboxOptions> & Pick<MailOutboxOptions, "store" | "transport">) {
  const lines: LogLine[] = [];
  const outbox = new MailOutbox({
    log: createLogger("info", "test", { write: (line: string) => lines.push(JSON.parse(line)) }),
    retryBaseMs: 100,
    retryMaxMs: 10_000,
    giveUpMs: 3_600_000,
    ...options,
  });
  outboxes.push(outbox);
  outbox.start();
  return { outbox, lines };
}

describe("MailOutbox", () => {
  it("sends the due mails one at a time, soonest first, and leaves the others waiting", async () => {
    const store = new MemoryOutboxStore();
    const now = Date.now();
    const later = store.add(mail("later"), now + 3_600_000);
    const c = store.add(mail("c"), now - 100);
    const a = store.add(mail("a"), now - 300);
    const b = store.add(mail("b"), now - 200);
    const transport = new ScriptedTransport(() => sleep(5));
    const { outbox, lines } = startOutbox({ store, transport });

    await until("three mails sent", () => store.ids().length === 1);
    expect(transport.sent.map((sent) => sent.to)).toEqual(
      ["a", "b", "c"].map((name) => `${name}@example.test`),
    );
    expect(transport.maxInFlight).toBe(1);
    expect(store.ids()).toEqual([later]);
    expect(outbox.stats).toEqual({ sent: 3, failed: 0, dropped: 0 });
    expect(lines.filter((line) => line.msg === "mail sent")).toEqual(
      [a, b, c].map((id, index) =>
        expect.objectContaining({ level: 30, id, to: transport.sent[index]!.to, attempts: 1 }),
      ),
    );
  });

  it("retries a failing mail with doubling back-off, then delivers it", async () => {
    const store = new MemoryOutboxStore();
    // A clock that moves only when the test moves it: the retry times are exact.
    let now = 1_000_000;
    const id = store.add(mail("a"), now);
    const transport = new ScriptedTransport((_mail, tryNumber) => {
      if (tryNumber <= 2) throw new Error(`421 try ${tryNumber} refused`);
    });
    const { outbox, lines } = startOutbox({ store, transport, now: () => now });

    await until("the first failure", () => store.reschedules.length === 1);
    expect(store.reschedules).toEqual([
      { id, attempts: 1, nextAttemptAt: 1_000_100, error: "421 try 1 refused" },
    ]);
    // Not due until the clock reaches the retry time.
    await sleep(300);
    expect(transport.tries).toHaveLength(1);

    now = 1_000_100;
    await until("the second failure", () => store.reschedules.length === 2);
    expect(store.reschedules[1]).toEqual({
      id,
      attempts: 2,
      nextAttemptAt: 1_000_300,
      error: "421 try 2 refused",
    });

    now = 1_000_300;
    await until("the delivery", () => transport.sent.length === 1);
    await until("the removal", () => store.ids().length === 0);
    expect(outbox.stats).toEqual({ sent: 1, failed: 2, dropped: 0 });
    expect(lines.filter((line) => line.level === 40)).toEqual([
      expect.objectContaining({ id, attempts: 1, error: "421 try 1 refused", retryInMs: 100 }),
      expect.objectContaining({ id, attempts: 2, error: "421 try 2 refused", retryInMs: 200 }),
    ]);
    expect(lines.find((line) => line.msg === "mail sent")).toMatchObject({ id, attempts: 3 });
  });

  it("gives up a mail older than giveUpMs that fails again", async () => {
    const store = new MemoryOutboxStore();
    const now = 5_000_000;
    const old = store.add(mail("old"), now - 5_000, 3);
    const young = store.add(mail("young"), now - 500);
    const transport = new ScriptedTransport(() => {
      throw new Error("550 mailbox unavailable");
    });
    const { outbox, lines } = startOutbox({ store, transport, giveUpMs: 1_000, now: () => now });

    await until("both mails tried", () => outbox.stats.failed === 2);
    expect(store.ids()).toEqual([young]);
    expect(outbox.stats).toEqual({ sent: 0, failed: 2, dropped: 1 });
    expect(store.reschedules.map((reschedule) => reschedule.id)).toEqual([young]);
    expect(lines.filter((line) => line.level === 50)).toEqual([
      expect.objectContaining({
        msg: "mail given up",
        id: old,
        to: "old@example.test",
        attempts: 4,
        error: "550 mailbox unavailable",
      }),
    ]);
  });

  it("drops a mail the receiving side refuses for good at once, without retrying", async () => {
    const store = new MemoryOutboxStore();
    const refused = store.add(mail("refused"), 0);
    const transport = new ScriptedTransport(() => {
      throw new MailRefusedError("550 no such mailbox");
    });
    const { outbox, lines } = startOutbox({ store, transport });

    await until("the mail dropped", () => outbox.stats.dropped === 1);
    expect(store.ids()).toEqual([]);
    expect(store.reschedules).toEqual([]);
    expect(lines.filter((line) => line.level === 50)).toEqual([
      expect.objectContaining({
        msg: "mail refused",
        id: refused,
        attempts: 1,
        error: "550 no such mailbox",
      }),
    ]);
  });

  it("sends a mail at once on wake() while it sleeps for a far retry", async () => {
    const store = new MemoryOutboxStore();
    const failing = store.add(mail("failing"), Date.now());
    const transport = new ScriptedTransport((sent) => {
      if (sent.to === "failing@example.test") throw new Error("refused");
    });
    const { outbox } = startOutbox({ store, transport, retryBaseMs: 3_600_000, retryMaxMs: 3_600_000 });
    await until("the failure", () => store.reschedules.length === 1);

    const fresh = store.add(mail("fresh"), Date.now());
    outbox.wake();
    await until("the fresh mail sent", () => !store.ids().includes(fresh));
    expect(transport.sent.map((sent) => sent.to)).toEqual(["fresh@example.test"]);
    expect(transport.tries.filter((sent) => sent.to === "failing@example.test")).toHaveLength(1);
    expect(store.ids()).toEqual([failing]);
  });

  it("picks up a mail added while another is being sent", async () => {
    const store = new MemoryOutboxStore();
    store.add(mail("first"), Date.now());
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const transport = new ScriptedTransport((sent) => (sent.to === "first@example.test" ? held : undefined));
    const { outbox } = startOutbox({ store, transport });
    await until("the first send under way", () => transport.tries.length === 1);

    store.add(mail("second"), Date.now());
    outbox.wake();
    release();
    await until("both sent", () => store.ids().length === 0);
    expect(transport.sent.map((sent) => sent.to)).toEqual(["first@example.test", "second@example.test"]);
  });

  it("stop() waits for the send in flight, then sends nothing more and closes the transport", async () => {
    const store = new MemoryOutboxStore();
    const now = Date.now();
    store.add(mail("first"), now - 1);
    const second = store.add(mail("second"), now);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const transport = new ScriptedTransport(() => held);
    const { outbox } = startOutbox({ store, transport });
    await until("the first send under way", () => transport.tries.length === 1);

    let stopped = false;
    const stopping = outbox.stop().then(() => (stopped = true));
    await sleep(50);
    expect(stopped).toBe(false);
    expect(transport.closed).toBe(false);

    release();
    await stopping;
    expect(store.ids()).toEqual([second]);
    expect(transport.sent.map((sent) => sent.to)).toEqual(["first@example.test"]);
    expect(transport.closed).toBe(true);

    outbox.wake();
    await sleep(50);
    expect(transport.tries).toHaveLength(1);
  });

  it("logs a store error and tries again later", async () => {
    const store = new MemoryOutboxStore();
    store.failingDueCalls = 2;
    store.add(mail("a"), Date.now());
    const transport = new ScriptedTransport(() => {});
    const { lines } = startOutbox({ store, transport });

    await until("the mail sent", () => store.ids().length === 0);
    expect(transport.sent).toHaveLength(1);
    expect(lines.filter((line) => line.msg === "mail outbox store failed")).toEqual([
      expect.objectContaining({ level: 50, err: expect.objectContaining({ message: "database is locked" }) }),
      expect.objectContaining({ level: 50, err: expect.objectContaining({ message: "database is locked" }) }),
    ]);
  });

  it("keeps retrying over SMTP until a server comes up, then delivers", async () => {
    const port = await freePort();
    const store = new MemoryOutboxStore();
    store.add({ to: "late@example.test", subject: "Koodi", text: "Hei Äiti — koodi 654321" }, Date.now());
    const transport = createSmtpTransport({
      host: "127.0.0.1",
      port,
      tls: "none",
      username: "",
      password: "",
      from: "no-reply@venus.test",
      timeoutMs: 10_000,
    });
    const { outbox, lines } = startOutbox({ store, transport, retryMaxMs: 400 });
    await until("a refused attempt", () => outbox.stats.failed >= 1);
    expect(lines.find((line) => line.level === 40)).toMatchObject({
      error: expect.stringContaining("ECONNREFUSED"),
    });

    const sink = await startSmtpSink({ port });
    try {
      const received = await sink.waitFor((received) => received.to.includes("late@example.test"));
      expect(received.text.trimEnd()).toBe("Hei Äiti — koodi 654321");
      await until("the mail removed", () => store.ids().length === 0);
      expect(outbox.stats.sent).toBe(1);
    } finally {
      await outbox.stop();
      await sink.close();
    }
  });
});
