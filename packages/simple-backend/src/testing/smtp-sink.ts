import { createServer, type AddressInfo, type Server } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

export interface ReceivedMail {
  /** The envelope sender. */
  from: string;
  /** The envelope recipients. */
  to: string[];
  subject: string;
  text: string;
  raw: Buffer;
}

export interface SmtpSink {
  port: number;
  readonly mails: ReceivedMail[];
  /** Resolves with the first mail (already received or arriving) matching `match`; rejects after timeoutMs (default 20 s) naming what it waited for. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

interface Waiter {
  offer(mail: ReceivedMail): void;
  cancel(reason: string): void;
}

/**
 * A real SMTP server on 127.0.0.1, no TLS, optional auth (when `auth` is given, only that user and
 * password are accepted). `port` 0 or omitted: a free port; a given port lets a test start the sink
 * later on a port a sender already retries.
 */
export async function startSmtpSink(
  options: {
    port?: number;
    auth?: { username: string; password: string };
    /** Recipients answered `550 no such mailbox`. */
    refuse?: readonly string[];
  } = {},
): Promise<SmtpSink> {
  const { auth } = options;
  const mails: ReceivedMail[] = [];
  const waiters = new Set<Waiter>();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    allowInsecureAuth: true,
    closeTimeout: 1000,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.username && credentials.password === auth.password)
        callback(null, { user: credentials.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        const refusal = new Error("no such mailbox") as Error & { responseCode: number };
        refusal.responseCode = 550;
        callback(refusal);
      } else callback();
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        (mail) => {
          mails.push(mail);
          for (const waiter of waiters) waiter.offer(mail);
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  // A client hanging up mid-session is reported here; the client's own test sees the failure.
  server.on("error", () => {});
  await listen(server.server, () => server.listen(options.port ?? 0, "127.0.0.1"));

  return {
    port: portOf(server.server),
    mails,
    waitFor(match, timeoutMs = 20_000) {
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          offer(mail) {
            if (!match(mail)) return;
            done();
            resolve(mail);
          },
          cancel(reason) {
            done();
            const received = mails.map((mail) => `${mail.to.join(",")}: ${mail.subject}`).join("; ");
            reject(
              new Error(`${reason} waiting for a mail matching ${String(match)}; received: [${received}]`),
            );
          },
        };
        const timer = setTimeout(() => waiter.cancel(`timed out after ${timeoutMs} ms`), timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        waiters.add(waiter);
      });
    },
    async close() {
      for (const waiter of waiters) waiter.cancel("sink closed");
      await new Promise<void>((resolve) => server.close(resolve));
    },
  };
}

/** A port that was free a moment ago on 127.0.0.1, for a server a test starts later. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await listen(server, () => server.listen(0, "127.0.0.1"));
  const port = portOf(server);
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}

async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<ReceivedMail> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const parsed = await simpleParser(raw);
  const { mailFrom, rcptTo } = session.envelope;
  return {
    from: mailFrom ? mailFrom.address : "",
    to: rcptTo.map((address) => address.address),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    raw,
  };
}

function listen(server: Server, start: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve();
    });
    start();
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
