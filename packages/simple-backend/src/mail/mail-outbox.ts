import type { Logger } from "../logger.js";
import { restartDelay } from "../process/restart-backoff.js";
import type { MailOutboxStore, QueuedMail } from "./mail-outbox-store.js";
import { MailRefusedError, type MailTransport } from "./outgoing-mail.js";

export interface MailOutboxOptions {
  store: MailOutboxStore;
  transport: MailTransport;
  log: Logger;
  /** Wait after a mail's first failure, doubled per further failure up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A mail queued longer ago than this is given up when it fails again. */
  giveUpMs: number;
  now?: () => number;
}

const BATCH_SIZE = 10;
// Node fires a timer at once when its delay does not fit in 32 bits.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends queued mails one at a time, soonest first. A failure reschedules the mail with exponential
 * back-off; a mail older than `giveUpMs` that fails again is removed and logged at error. Sleeps with
 * one timer until the next due mail; `wake()` (called after new mails were committed) re-checks at once.
 * Never throws out of its loop: a store error is logged and retried after `retryBaseMs`.
 */
export class MailOutbox {
  /** `failed` counts failed attempts (the last one of a dropped mail too), `dropped` mails given up. */
  readonly stats = { sent: 0, failed: 0, dropped: 0 };
  private readonly now: () => number;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: MailOutboxOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  wake(): void {
    // A run in progress ends by looking for the next due mail, so it finds the new ones too.
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.running = this.sendUntilIdle().then((retryAt) => {
      this.running = undefined;
      if (!this.stopped) this.sleepUntil(retryAt ?? this.nextDueAt());
    });
  }

  /** Stops scheduling; resolves when an in-flight send has finished. Closes the transport. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.options.transport.close();
  }

  /** Returns when to look again after a store error. */
  private async sendUntilIdle(): Promise<number | undefined> {
    try {
      let batch: QueuedMail[];
      do {
        batch = this.options.store.due(this.now(), BATCH_SIZE);
        for (const mail of batch) {
          if (this.stopped) return undefined;
          await this.attempt(mail);
        }
      } while (batch.length === BATCH_SIZE);
      return undefined;
    } catch (error) {
      this.options.log.error({ err: error }, "mail outbox store failed");
      return this.now() + this.options.retryBaseMs;
    }
  }

  private async attempt(mail: QueuedMail): Promise<void> {
    const attempts = mail.attempts + 1;
    try {
      await this.options.transport.send({ to: mail.to, subject: mail.subject, text: mail.text });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.failed(mail, attempts, message, error instanceof MailRefusedError);
      return;
    }
    this.stats.sent++;
    this.options.log.info({ id: mail.id, to: mail.to, attempts }, "mail sent");
    await this.options.store.remove(mail.id);
  }

  private async failed(mail: QueuedMail, attempts: number, error: string, refused: boolean): Promise<void> {
    const { store, log, retryBaseMs, retryMaxMs, giveUpMs } = this.options;
    this.stats.failed++;
    const now = this.now();
    if (refused || now - mail.queuedAt > giveUpMs) {
      this.stats.dropped++;
      log.error({ id: mail.id, to: mail.to, attempts, error }, refused ? "mail refused" : "mail given up");
      await store.remove(mail.id);
      return;
    }
    const retryInMs = restartDelay(mail.attempts, retryBaseMs, retryMaxMs);
    log.warn({ id: mail.id, attempts, error, retryInMs }, "mail send failed");
    await store.reschedule(mail.id, attempts, now + retryInMs, error);
  }

  private nextDueAt(): number | undefined {
    try {
      return this.options.store.nextDueAt();
    } catch (error) {
      this.options.log.error({ err: error }, "mail outbox store failed");
      return this.now() + this.options.retryBaseMs;
    }
  }

  private sleepUntil(at: number | undefined): void {
    if (at === undefined) return;
    const delay = Math.min(Math.max(0, at - this.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.wake(), delay);
    // The outbox never keeps a process alive on its own; a server's listeners do.
    this.timer.unref();
  }
}
