import { resolve } from "node:path";
import type { AccountStatements } from "@venus/database";
import type { GroupCommitWriter } from "@venus/data-common";
import { type MailTemplateName, type VenusConfig, retryLater } from "@venus/model";
import {
  createSmtpTransport,
  FolderTransport,
  MailOutbox,
  type Logger,
  type MailTransport,
} from "@venus/simple-backend";
import { DEFAULT_TEMPLATES_FILE, MailTemplates, type MailParams } from "./mail-templates.js";
import { sqliteOutboxStore } from "./outbox-store.js";

function transportFor(config: VenusConfig, log: Logger): MailTransport {
  const { email } = config;
  if (!email.smtp.host) return new FolderTransport(resolve(config.data_dir, email.folder), email.from, log);
  return createSmtpTransport({
    host: email.smtp.host,
    port: email.smtp.port,
    tls: email.smtp.tls,
    username: email.smtp.username,
    password: email.smtp.password,
    from: email.from,
    timeoutMs: email.smtp.timeout_seconds * 1000,
  });
}

/**
 * The account component's mail: templates, and the durable outbox. A mail is queued inside the
 * writer batch that makes what it tells about (a code, a verification), so both commit or neither;
 * the sender picks it up once committed.
 */
export class AccountMail {
  readonly templates: MailTemplates;
  private readonly outbox: MailOutbox;
  private publicUrl: string;

  constructor(
    private readonly config: VenusConfig,
    private readonly statements: AccountStatements,
    writer: GroupCommitWriter,
    log: Logger,
    private readonly now: () => number,
  ) {
    const { email } = config;
    this.templates = MailTemplates.load(
      email.templates_file || DEFAULT_TEMPLATES_FILE,
      email.default_language,
      email.app_name,
    );
    this.publicUrl = email.public_url;
    this.outbox = new MailOutbox({
      store: sqliteOutboxStore(statements, writer),
      transport: transportFor(config, log),
      log,
      retryBaseMs: email.retry_base_seconds * 1000,
      retryMaxMs: email.retry_max_seconds * 1000,
      giveUpMs: email.give_up_hours * 3_600_000,
      now,
    });
  }

  /** Links in mails lead here unless email.public_url names the address users reach. */
  listeningAt(url: string): void {
    this.publicUrl ||= url;
  }

  link(path: string): string {
    return `${this.publicUrl.replace(/\/+$/, "")}${path}`;
  }

  /** Refuses (503 busy) before anything is written when email.max_queued mails wait already. */
  requireRoom(): void {
    if (this.statements.outbox.count() >= this.config.email.max_queued)
      throw retryLater("busy", 60, "too many mails wait to be sent; retry later");
  }

  /** Inside a writer batch: renders the mail and queues it. */
  queue<N extends MailTemplateName>(
    name: N,
    language: string | undefined,
    to: string,
    params: MailParams<N>,
  ): void {
    const mail = this.templates.render(name, language, to, params);
    this.statements.outbox.insert({
      queued_at: this.now(),
      to_address: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
  }

  /** Inside a writer batch: queues a mail as written (an admin's custom mail). */
  queueText(to: string, subject: string, text: string): void {
    this.statements.outbox.insert({ queued_at: this.now(), to_address: to, subject, text });
  }

  /** After a batch with queued mails has committed. */
  sendSoon(): void {
    this.outbox.wake();
  }

  start(): void {
    this.outbox.start();
  }

  stop(): Promise<void> {
    return this.outbox.stop();
  }
}
