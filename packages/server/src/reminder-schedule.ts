import { remindOfDeletions } from "@venus/data-account";
import { sendDueReminders, type AllComponents } from "@venus/data-all";
import type { Logger } from "@venus/simple-backend";

/**
 * Every `push.reminders.check_seconds` (docs/push.md): reminder emails (when push.reminders.enabled)
 * and deletion reminder pushes (when push.deletion_reminder_seconds > 0).
 */
export class ReminderSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly components: AllComponents,
    private readonly log: Logger,
  ) {}

  start(): void {
    const { push } = this.components.push.config;
    if (push.reminders.enabled || push.deletion_reminder_seconds > 0) this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const ms = this.components.push.config.push.reminders.check_seconds * 1000;
    this.timer = setTimeout(() => {
      this.running = this.run().finally(() => this.schedule());
    }, ms);
  }

  private async run(): Promise<void> {
    try {
      const reminded = await remindOfDeletions(this.components.account);
      if (reminded > 0) this.log.info({ reminded }, "deletion reminder pushes queued");
    } catch (error) {
      this.log.error({ err: error }, "deletion reminders failed; trying again at the next check");
    }
    if (!this.components.push.config.push.reminders.enabled) return;
    try {
      const sent = await sendDueReminders(this.components);
      if (sent > 0) this.log.info({ sent }, "reminder emails queued");
    } catch (error) {
      this.log.error({ err: error }, "reminder emails failed; trying again at the next check");
    }
  }

  /** Lets a check in progress finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
