import {
  BotsFile,
  type MediaModerationRequest,
  type ModerationDecisionRequest,
  type ModeratorAnalysis,
} from "@venus/model";
import { loadConfig, type Logger } from "@venus/simple-backend";
import { describe, expect, test } from "vitest";
import { EventQueue } from "../event-queue.js";
import { VenusApiError } from "../venus-api-error.js";
import type { VenusClient } from "../venus-client.js";
import type { SocketClosed } from "../venus-socket.js";
import { ModerationBotDisconnected, runModerationBot, type ModerationBotOptions } from "./moderation-bot.js";
import type { ModerationRule, TextItem } from "./moderation-rules.js";

const defaults = loadConfig({ schema: BotsFile, envPrefix: "VENUS_NONE__", env: {} }).moderation;
const RULES = {
  ...defaults,
  image_min_side: 512,
  image_max_aspect_ratio: 2,
  accept_other_images: false,
  banned_words: ["scam"],
  accept_other_texts: true,
  check_every_seconds: 3600,
};

const PAGE_SIZE = 2;
const ACCOUNT = "a".repeat(22);

interface FakeImage {
  account_id: string;
  content_id: string;
  uploaded_at: number;
  sizes: { size: number; width: number; height: number }[];
  security_selfie: boolean;
  in_profile: boolean;
  face_image: boolean;
  analysis: ModeratorAnalysis | null;
}
interface FakeText {
  account_id: string;
  field: "name" | "text";
  value: string;
  changed_at: number;
}

const deferred = <T = void>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

/** What the bot uses of a VenusClient: the two moderation queues (paged by sequence), events, a socket. */
class FakeClient {
  readonly events = new EventQueue();
  readonly images: { seq: number; item: FakeImage }[] = [];
  readonly texts: { seq: number; item: FakeText }[] = [];
  readonly mediaDecisions: MediaModerationRequest[] = [];
  readonly textDecisions: ModerationDecisionRequest[] = [];
  /** `after` of each page read, per queue. */
  readonly pageReads: { images: (string | undefined)[]; texts: (string | undefined)[] } = {
    images: [],
    texts: [],
  };
  /** Make the next calls fail or wait: set by tests. */
  failPages = 0;
  failDecisionFor = new Set<string>();
  holdDecisions: Promise<void> | undefined;
  hangPages = false;
  connected = true;
  private readonly socketClosed = deferred<SocketClosed>();
  readonly lastSocket = { closed: this.socketClosed.promise };
  private seq = 0;

  readonly admin = {
    mediaModerationQueue: (after?: string) => this.page("images", this.images, after),
    profileModerationQueue: (after?: string) => this.page("texts", this.texts, after),
    moderateMedia: async (decision: MediaModerationRequest) => {
      await this.holdDecisions;
      if (this.failDecisionFor.has(decision.content_id)) throw new Error("network down");
      const index = this.images.findIndex(({ item }) => item.content_id === decision.content_id);
      if (index < 0) throw new VenusApiError(404, "not_found", "not waiting");
      this.images.splice(index, 1);
      this.mediaDecisions.push(decision);
      return { ok: true as const };
    },
    moderateProfile: async (decision: ModerationDecisionRequest) => {
      await this.holdDecisions;
      const index = this.texts.findIndex(
        ({ item }) => item.account_id === decision.account_id && item.field === decision.field,
      );
      if (index < 0) throw new VenusApiError(404, "not_found", "not waiting");
      this.texts.splice(index, 1);
      this.textDecisions.push(decision);
      return { ok: true as const };
    },
  };

  on: VenusClient["on"] = (event, handler) => this.events.on(event, handler);

  /** An image in the queue; a profile image unless it is the selfie or `inProfile` says otherwise. */
  addImage(
    contentId: string,
    width: number,
    height: number,
    securitySelfie = false,
    inProfile = !securitySelfie,
    accountId = ACCOUNT,
    analysis: ModeratorAnalysis | null = null,
  ): void {
    const sizes = [
      { size: Math.max(width, height), width, height },
      { size: 256, width: 100, height: 100 },
    ];
    this.images.push({
      seq: ++this.seq,
      item: {
        account_id: accountId,
        content_id: contentId,
        uploaded_at: 1,
        sizes,
        security_selfie: securitySelfie,
        in_profile: inProfile,
        face_image: inProfile,
        analysis,
      },
    });
  }

  addText(accountId: string, field: "name" | "text", value: string): void {
    this.texts.push({ seq: ++this.seq, item: { account_id: accountId, field, value, changed_at: this.seq } });
  }

  /** Tells the bot an item joined a queue, as the server does. */
  queueChanged(queue: "images" | "texts"): void {
    this.events.push({ event: "moderation_queue_changed", data: { queue } });
  }

  closeSocket(): void {
    this.connected = false;
    this.socketClosed.resolve({ code: 1006, reason: "" });
  }

  asClient(): VenusClient {
    return this as unknown as VenusClient;
  }

  private async page<T>(queue: "images" | "texts", list: { seq: number; item: T }[], after?: string) {
    this.pageReads[queue].push(after);
    if (this.hangPages) await new Promise(() => {});
    if (this.failPages > 0) {
      this.failPages--;
      throw new VenusApiError(500, "internal", "boom");
    }
    const afterSeq = after === undefined ? 0 : Number(after);
    const items = list.filter(({ seq }) => seq > afterSeq).slice(0, PAGE_SIZE);
    return {
      items: items.map(({ item }) => structuredClone(item)),
      next: items.length === PAGE_SIZE ? String(items.at(-1)?.seq) : null,
    };
  }
}

/** A logger that records `[level, message, fields]`. */
function recordingLog() {
  const lines: [string, string, Record<string, unknown>][] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown> | string, message?: string): void => {
      if (typeof fields === "string") lines.push([level, fields, {}]);
      else lines.push([level, message ?? "", fields]);
    };
  const log = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  const logger = { ...log, child: () => logger } as unknown as Logger;
  return { logger, lines, messages: (level: string) => lines.filter(([l]) => l === level).map(([, m]) => m) };
}

/** Starts the bot against `fake`; `stop()` aborts and waits for it to end. */
function start(fake: FakeClient, options: Partial<ModerationBotOptions> = {}) {
  const controller = new AbortController();
  const log = recordingLog();
  const run = runModerationBot(fake.asClient(), {
    rules: RULES,
    log: log.logger,
    signal: controller.signal,
    ...options,
  });
  return {
    run,
    log,
    controller,
    stop: async () => {
      controller.abort();
      await run;
    },
  };
}

/** Until `check` passes (polling the event loop). */
async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

describe("the moderation bot", () => {
  test("the start-up pass pages through both queues, decides by the rules and leaves the rest", async () => {
    const fake = new FakeClient();
    fake.addImage("wide", 1200, 560); // 2.14 > 2: rejected
    fake.addImage("normal", 800, 800); // no rule, accept_other_images off: left
    fake.addImage("tiny", 300, 300); // under 512: rejected
    fake.addImage("normal2", 600, 900); // left
    fake.addImage("wide2", 2000, 600); // rejected
    fake.addText("b".repeat(22), "name", "Aino");
    fake.addText("c".repeat(22), "text", "Not a SCAM, honest");
    fake.addText("d".repeat(22), "text", "Likes coffee");
    const bot = start(fake);
    await eventually(() => expect(fake.texts).toHaveLength(0));
    await eventually(() => expect(fake.mediaDecisions).toHaveLength(3));
    await bot.stop();

    expect(fake.mediaDecisions).toEqual([
      {
        account_id: ACCOUNT,
        content_id: "wide",
        rule: "image_max_aspect_ratio",
        accept: false,
        category: "low_quality",
        details: "the image is longer than 2:1",
      },
      {
        account_id: ACCOUNT,
        content_id: "tiny",
        rule: "image_min_side",
        accept: false,
        category: "low_quality",
        details: expect.any(String),
      },
      {
        account_id: ACCOUNT,
        content_id: "wide2",
        rule: "image_max_aspect_ratio",
        accept: false,
        category: "low_quality",
        details: expect.any(String),
      },
    ]);
    expect(fake.images.map(({ item }) => item.content_id)).toEqual(["normal", "normal2"]);
    expect(fake.textDecisions).toEqual([
      // Each names the edit it judged (`changed_at`), so a newer edit is never decided unseen.
      { account_id: "b".repeat(22), field: "name", accept: true, changed_at: expect.any(Number) },
      {
        account_id: "c".repeat(22),
        field: "text",
        accept: false,
        reason: "the text contains a banned word",
        changed_at: expect.any(Number),
      },
      { account_id: "d".repeat(22), field: "text", accept: true, changed_at: expect.any(Number) },
    ]);
    // Paged with the cursor, once each: five images are three pages, three texts two.
    expect(fake.pageReads.images).toEqual([undefined, "2", "4"]);
    expect(fake.pageReads.texts).toEqual([undefined, "7"]);
  });

  test("security selfies are left to humans even when a rule would reject them", async () => {
    const fake = new FakeClient();
    fake.addImage("selfie", 1200, 560, true);
    fake.addImage("image", 1200, 560, false);
    const bot = start(fake, { rules: { ...RULES, accept_other_images: true } });
    await eventually(() => expect(fake.mediaDecisions).toHaveLength(1));
    await bot.stop();
    expect(fake.mediaDecisions[0]).toMatchObject({ content_id: "image", accept: false });
    expect(fake.images.map(({ item }) => item.content_id)).toEqual(["selfie"]);
  });

  test("detector rules decide with their name and score in the request; a faceless selfie is refused", async () => {
    const scores = (porn: number) => ({ drawing: 0, hentai: 0, neutral: 1 - porn, porn, sexy: 0 });
    const face = { x: 0.4, y: 0.3, width: 0.2, height: 0.25, score: 0.99 };
    const fake = new FakeClient();
    fake.addImage("nude", 800, 800, false, true, ACCOUNT, { nudity: scores(0.95), faces: [face] });
    fake.addImage("clean", 800, 800, false, true, ACCOUNT, { nudity: scores(0.02), faces: [face] });
    fake.addImage("unsure", 800, 800, false, true, ACCOUNT, { nudity: scores(0.5), faces: [face] });
    fake.addImage("faceless selfie", 800, 800, true, false, ACCOUNT, { nudity: scores(0), faces: [] });
    fake.addImage("selfie", 800, 800, true, false, ACCOUNT, { nudity: scores(0), faces: [face] });
    const bot = start(fake);
    await eventually(() => expect(fake.mediaDecisions).toHaveLength(3));
    await bot.stop();
    expect(fake.mediaDecisions).toEqual([
      expect.objectContaining({
        content_id: "nude",
        accept: false,
        category: "nudity",
        rule: "nudity_reject_above",
      }),
      expect.objectContaining({ content_id: "clean", accept: true, rule: "nudity_accept_below" }),
      expect.objectContaining({
        content_id: "faceless selfie",
        category: "not_a_person",
        rule: "selfie_needs_face",
      }),
    ]);
    expect(fake.mediaDecisions[0]?.score).toBeCloseTo(0.95, 6);
    expect(fake.mediaDecisions[1]?.score).toBeCloseTo(0.02, 6);
    expect(fake.images.map(({ item }) => item.content_id)).toEqual(["unsure", "selfie"]);
  });

  test("the local user bots' profile images are accepted (accept_local_bot_images); others' wait, selfies too", async () => {
    const bot1 = "b".repeat(22);
    const person = "p".repeat(22);
    const fake = new FakeClient();
    fake.addImage("bot picture", 800, 800, false, true, bot1);
    fake.addImage("bot selfie", 800, 800, true, false, bot1);
    fake.addImage("bot tiny", 300, 300, false, true, bot1);
    fake.addImage("person picture", 800, 800, false, true, person);
    const bot = start(fake, { localBots: new Set([bot1]) });
    await eventually(() => expect(fake.mediaDecisions).toHaveLength(2));
    await bot.stop();
    expect(fake.mediaDecisions).toEqual([
      { account_id: bot1, content_id: "bot picture", accept: true, rule: "accept_others" },
      expect.objectContaining({ account_id: bot1, content_id: "bot tiny", accept: false }),
    ]);
    expect(fake.images.map(({ item }) => item.content_id)).toEqual(["bot selfie", "person picture"]);

    const off = new FakeClient();
    off.addImage("bot picture", 800, 800, false, true, bot1);
    const strict = start(off, {
      localBots: new Set([bot1]),
      rules: { ...RULES, accept_local_bot_images: false },
    });
    await eventually(() => expect(off.pageReads.images).toHaveLength(1));
    await strict.stop();
    expect(off.mediaDecisions).toEqual([]);
  });

  test("an image is judged once it is a profile image: not while unchosen (it may become the selfie)", async () => {
    const fake = new FakeClient();
    fake.addImage("later", 1200, 560, false, false);
    const bot = start(fake, { rules: { ...RULES, accept_other_images: true } });
    await eventually(() => expect(fake.pageReads.images).toHaveLength(1));
    expect(fake.mediaDecisions).toEqual([]);
    const queued = fake.images.find(({ item }) => item.content_id === "later");
    if (queued) queued.item.in_profile = true;
    fake.queueChanged("images");
    await eventually(() => expect(fake.mediaDecisions).toHaveLength(1));
    await bot.stop();
    expect(fake.mediaDecisions[0]).toMatchObject({ content_id: "later", accept: false });
  });

  test("events wake it for their queue; events during a pass coalesce into one more pass", async () => {
    const fake = new FakeClient();
    const bot = start(fake);
    await eventually(() => expect(fake.pageReads).toEqual({ images: [undefined], texts: [undefined] }));

    fake.addText("b".repeat(22), "text", "a scam");
    fake.queueChanged("texts");
    await eventually(() => expect(fake.textDecisions).toHaveLength(1));
    expect(fake.pageReads.images).toEqual([undefined]);

    // Hold the decision so that the next events all arrive during one pass.
    const hold = deferred();
    fake.holdDecisions = hold.promise;
    fake.addImage("wide", 1200, 560);
    fake.queueChanged("images");
    await eventually(() => expect(fake.pageReads.images).toHaveLength(2));
    for (let i = 0; i < 5; i++) {
      fake.addImage(`wide-${i}`, 1200, 560);
      fake.queueChanged("images");
    }
    hold.resolve();
    await eventually(() => expect(fake.images).toHaveLength(0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await bot.stop();
    // The start-up pass, the first event's pass (held at its decision while the five events came)
    // and one more pass for those five events; the texts queue was read only for its own event.
    expect(fake.pageReads.images.filter((after) => after === undefined)).toHaveLength(3);
    expect(fake.pageReads.texts).toEqual([undefined, undefined]);
    expect(fake.mediaDecisions).toHaveLength(6);
  });

  test("undecided items are not judged again until they change; the cursor moves past them", async () => {
    const fake = new FakeClient();
    const judged: string[] = [];
    const detector: ModerationRule<TextItem> = {
      name: "counting detector",
      decide: async ({ value }) => {
        judged.push(value);
        return value.startsWith("ok") ? { accept: true } : undefined;
      },
    };
    fake.addText("b".repeat(22), "text", "hmm 1");
    fake.addText("c".repeat(22), "text", "hmm 2");
    fake.addText("d".repeat(22), "text", "hmm 3");
    fake.addText("e".repeat(22), "text", "ok 4");
    const bot = start(fake, { textRules: [detector], rules: { ...RULES, accept_other_texts: false } });
    await eventually(() => expect(fake.textDecisions).toHaveLength(1));
    expect(judged).toEqual(["hmm 1", "hmm 2", "hmm 3", "ok 4"]);

    fake.addText("f".repeat(22), "text", "ok 5");
    fake.queueChanged("texts");
    await eventually(() => expect(fake.textDecisions).toHaveLength(2));
    // Only the new item was judged; the three undecided ones stay for humans.
    expect(judged).toEqual(["hmm 1", "hmm 2", "hmm 3", "ok 4", "ok 5"]);
    expect(fake.texts.map(({ item }) => item.value)).toEqual(["hmm 1", "hmm 2", "hmm 3"]);

    // An edit is a new item to judge.
    fake.texts.splice(0, 1);
    fake.addText("b".repeat(22), "text", "ok now");
    fake.queueChanged("texts");
    await eventually(() => expect(fake.textDecisions).toHaveLength(3));
    expect(judged.at(-1)).toBe("ok now");
    expect(judged).toHaveLength(6);
    await bot.stop();
  });

  test("failing calls and rules are logged and it carries on", async () => {
    const fake = new FakeClient();
    let detectorFails = true;
    const flaky: ModerationRule<TextItem> = {
      name: "flaky",
      decide: () => {
        if (detectorFails) throw new Error("detector down");
        return undefined;
      },
    };
    fake.failPages = 1; // the first page read (images) fails
    fake.failDecisionFor.add("wide-bad");
    fake.addImage("wide-bad", 1200, 560);
    fake.addImage("wide-good", 1200, 560);
    fake.addText("b".repeat(22), "text", "scam offer");
    const bot = start(fake, { textRules: [flaky] });
    // The images pass failed at its first page; the texts pass ran, and its failing rule left the
    // text undecided (not accepted by accept_other_texts) for the next pass.
    await eventually(() => expect(bot.log.messages("warn")).toContain("a moderation rule failed"));
    expect(bot.log.messages("warn")).toContain("could not read the moderation queue; trying again later");
    expect(fake.textDecisions).toEqual([]);

    detectorFails = false;
    fake.queueChanged("images");
    fake.queueChanged("texts");
    await eventually(() => expect(fake.mediaDecisions).toHaveLength(1));
    await eventually(() => expect(fake.textDecisions).toHaveLength(1));
    expect(fake.mediaDecisions[0]).toMatchObject({ content_id: "wide-good" });
    // The rule is asked again once it works: nothing decided by it, accept_other_texts accepts.
    expect(fake.textDecisions[0]).toMatchObject({ accept: true });
    expect(bot.log.messages("warn")).toContain("could not post a moderation decision");

    // A decision that comes too late (a human got there first) is not a warning.
    fake.failDecisionFor.clear();
    const before = bot.log.messages("warn").length;
    const stale = fake.images.find(({ item }) => item.content_id === "wide-bad");
    expect(stale).toBeDefined();
    const original = fake.admin.moderateMedia;
    fake.admin.moderateMedia = async () => {
      throw new VenusApiError(404, "not_found", "not waiting");
    };
    fake.queueChanged("images");
    await eventually(() => expect(bot.log.messages("debug")).toContain("no longer waiting for moderation"));
    expect(bot.log.messages("warn")).toHaveLength(before);
    fake.admin.moderateMedia = original;
    await bot.stop();
  });

  test("the timer wakes it when no event comes", async () => {
    const fake = new FakeClient();
    const bot = start(fake, { rules: { ...RULES, check_every_seconds: 0.05 } });
    await eventually(() => expect(fake.pageReads.images).toHaveLength(1));
    fake.addImage("wide", 1200, 560);
    fake.addText("b".repeat(22), "name", "Aino");
    await eventually(() => expect(fake.images).toHaveLength(0));
    await eventually(() => expect(fake.texts).toHaveLength(0));
    await bot.stop();
  });

  test("abort stops it at once, even during a call that does not answer, and removes its listeners", async () => {
    const fake = new FakeClient();
    fake.hangPages = true;
    const bot = start(fake, { rules: { ...RULES, check_every_seconds: 0.01 } });
    await eventually(() => expect(fake.pageReads.images).toHaveLength(1));
    const started = Date.now();
    await bot.stop();
    expect(Date.now() - started).toBeLessThan(100);
    // No timer and no event handler are left: nothing reads pages any more.
    fake.hangPages = false;
    fake.queueChanged("images");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.pageReads.images).toHaveLength(1);
    expect(bot.log.messages("info")).toContain("moderation bot stopped");

    // Already aborted: returns without a call.
    const again = new FakeClient();
    const controller = new AbortController();
    controller.abort();
    await runModerationBot(again.asClient(), {
      rules: RULES,
      log: recordingLog().logger,
      signal: controller.signal,
    });
    expect(again.pageReads.images).toEqual([]);
  });

  test("a closed connection ends it with ModerationBotDisconnected", async () => {
    const fake = new FakeClient();
    const bot = start(fake);
    await eventually(() => expect(fake.pageReads.texts).toHaveLength(1));
    fake.closeSocket();
    await expect(bot.run).rejects.toBeInstanceOf(ModerationBotDisconnected);
    await expect(bot.run).rejects.toThrow("connection closed (1006)");

    const never = new FakeClient();
    never.connected = false;
    await expect(
      runModerationBot(never.asClient(), {
        rules: RULES,
        log: recordingLog().logger,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow("not connected");
    expect(never.pageReads).toEqual({ images: [], texts: [] });
  });
});
