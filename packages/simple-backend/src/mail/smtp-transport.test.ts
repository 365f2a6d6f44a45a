import { afterEach, describe, expect, it } from "vitest";
import { freePort, startSmtpSink, type SmtpSink } from "../testing/index.js";
import { MailRefusedError } from "./outgoing-mail.js";
import { createSmtpTransport, type SmtpSettings } from "./smtp-transport.js";

const FROM = "no-reply@venus.test";

function settings(port: number, overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return {
    host: "127.0.0.1",
    port,
    tls: "none",
    username: "",
    password: "",
    from: FROM,
    timeoutMs: 10_000,
    ...overrides,
  };
}

describe("createSmtpTransport", () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });

  it("delivers from, to, subject and non-ASCII text intact", async () => {
    sink = await startSmtpSink();
    const transport = createSmtpTransport(settings(sink.port));
    try {
      await transport.send({
        to: "aiti@example.test",
        subject: "Kirjautumiskoodi — Äiti",
        text: "Hei Äiti — koodi 123456",
      });
    } finally {
      transport.close();
    }
    const mail = await sink.waitFor((received) => received.to.includes("aiti@example.test"));
    expect(mail.from).toBe(FROM);
    expect(mail.to).toEqual(["aiti@example.test"]);
    expect(mail.subject).toBe("Kirjautumiskoodi — Äiti");
    // mailparser ends the text with the line break that closes the MIME body.
    expect(mail.text.trimEnd()).toBe("Hei Äiti — koodi 123456");
    expect(mail.raw.toString("latin1")).toMatch(/^From: no-reply@venus\.test\r$/m);
  });

  it("authenticates with the right credentials and fails with wrong ones", async () => {
    sink = await startSmtpSink({ auth: { username: "venus", password: "s3cret" } });
    const good = createSmtpTransport(settings(sink.port, { username: "venus", password: "s3cret" }));
    const bad = createSmtpTransport(settings(sink.port, { username: "venus", password: "wrong" }));
    const anonymous = createSmtpTransport(settings(sink.port));
    try {
      await good.send({ to: "good@example.test", subject: "ok", text: "accepted" });
      await expect(bad.send({ to: "bad@example.test", subject: "no", text: "refused" })).rejects.toThrow(
        /535|Invalid/,
      );
      await expect(
        anonymous.send({ to: "anon@example.test", subject: "no", text: "refused" }),
      ).rejects.toThrow();
    } finally {
      good.close();
      bad.close();
      anonymous.close();
    }
    expect(sink.mails.map((mail) => mail.to)).toEqual([["good@example.test"]]);
  });

  it("a recipient refused for good is MailRefusedError; a refused login is not", async () => {
    sink = await startSmtpSink({
      refuse: ["nobody@example.test"],
      auth: { username: "venus", password: "right" },
    });
    const transport = createSmtpTransport(settings(sink.port, { username: "venus", password: "right" }));
    const wrongLogin = createSmtpTransport(settings(sink.port, { username: "venus", password: "wrong" }));
    try {
      const refused = transport.send({ to: "nobody@example.test", subject: "s", text: "t" });
      await expect(refused).rejects.toBeInstanceOf(MailRefusedError);
      await expect(refused).rejects.toThrow(/no such mailbox/);
      const login = await wrongLogin
        .send({ to: "x@example.test", subject: "s", text: "t" })
        .catch((e: unknown) => e);
      expect(login).toBeInstanceOf(Error);
      expect(login).not.toBeInstanceOf(MailRefusedError);
    } finally {
      transport.close();
      wrongLogin.close();
    }
  });

  it("rejects when nothing listens on the port", async () => {
    const transport = createSmtpTransport(settings(await freePort()));
    try {
      await expect(transport.send({ to: "x@example.test", subject: "s", text: "t" })).rejects.toThrow(
        /ECONNREFUSED/,
      );
    } finally {
      transport.close();
    }
  });

  it("refuses to send in the clear when STARTTLS is required but not offered", async () => {
    sink = await startSmtpSink();
    const transport = createSmtpTransport(settings(sink.port, { tls: "starttls" }));
    try {
      await expect(transport.send({ to: "x@example.test", subject: "s", text: "t" })).rejects.toThrow(
        /STARTTLS/,
      );
    } finally {
      transport.close();
    }
    expect(sink.mails).toEqual([]);
  });
});
