import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAIL_TEMPLATES, type EmailTemplatesFile } from "@venus/model";
import { ConfigError } from "@venus/simple-backend";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATES_FILE, MailTemplates, templateProblems } from "./mail-templates.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "venus-templates-"));
  dirs.push(dir);
  const file = join(dir, "templates.toml");
  writeFileSync(file, text);
  return file;
}

const complete = (language: string): EmailTemplatesFile =>
  Object.fromEntries([
    [
      language,
      Object.fromEntries(Object.keys(MAIL_TEMPLATES).map((name) => [name, { subject: "s", text: "t" }])),
    ],
  ]) as EmailTemplatesFile;

describe("the embedded templates", () => {
  it("have every mail in English, and render each placeholder", () => {
    const templates = MailTemplates.load(DEFAULT_TEMPLATES_FILE, "en", "Venus");
    const mail = templates.render("email_change_verification", "en", "new@example.com", {
      code: "123456",
      link: "https://venus.example/account/email/confirm?token=abc",
      hours: "48",
      old_email: "old@example.com",
    });
    expect(mail.to).toBe("new@example.com");
    expect(mail.subject).toBe("Confirm your new email address for Venus");
    for (const part of ["123456", "token=abc", "48 hours", "old@example.com"])
      expect(mail.text).toContain(part);
    expect(mail.text).not.toMatch(/\{\{/);
  });

  it("fall back to the default language for a language or a mail they lack; nothing is HTML-escaped", () => {
    const templates = MailTemplates.load(DEFAULT_TEMPLATES_FILE, "en", "Tom & Jerry's <Dates>");
    expect(
      templates.render("email_login_code", "fi", "a@b.fi", { code: "000111", minutes: "15" }).text,
    ).toMatch(/^Tom & Jerry's <Dates>-kirjautumiskoodisi on/);
    expect(
      templates.render("email_changed_notice", "fi", "a@b.fi", { new_email: "x<y>@z.fi" }).text,
    ).toContain("changed to x<y>@z.fi");
    expect(templates.render("email_login_code", "xx", "a@b", { code: "1", minutes: "2" }).subject).toBe(
      "Your Tom & Jerry's <Dates> sign-in code: 1",
    );
  });
});

describe("the password change notice", () => {
  it("says the other devices were signed out only when they were, in English and Finnish", () => {
    const templates = MailTemplates.load(DEFAULT_TEMPLATES_FILE, "en", "Venus");
    const render = (language: string, signedOut: string) =>
      templates.render("password_changed_notice", language, "a@example.com", {
        time: "2026-12-07 15:52",
        signed_out: signedOut,
      });
    const signedOut = "Every other device signed in to the account was signed out.";
    expect(render("en", "yes").text).toContain("was changed at 2026-12-07 15:52 (UTC)");
    expect(render("en", "yes").text).toContain(signedOut);
    expect(render("en", "").text).not.toContain(signedOut);
    expect(render("fi", "yes").subject).toBe("Venus-salasanasi vaihdettiin");
    expect(render("fi", "yes").text).toMatch(/kirjattiin ulos/);
    expect(render("fi", "").text).not.toMatch(/kirjattiin ulos/);
  });

  it("lists in a reminder only what waits, with the unsubscribe link, in English and Finnish", () => {
    const templates = MailTemplates.load(DEFAULT_TEMPLATES_FILE, "en", "Venus");
    const link = "https://venus.example/push/reminders/unsubscribe?token=abc";
    const render = (language: string, messages: string, likes: string) =>
      templates.render("activity_reminder", language, "a@example.com", {
        messages,
        likes,
        unsubscribe_link: link,
      }).text;
    expect(render("en", "3", "")).toContain("new messages: 3");
    expect(render("en", "3", "")).not.toContain("new likes");
    expect(render("en", "", "2")).toContain("new likes: 2");
    expect(render("en", "", "2")).not.toContain("new messages");
    expect(render("en", "1", "1")).toContain(link);
    expect(render("fi", "1", "")).toContain("uusia viestejä: 1");
    expect(render("fi", "1", "")).not.toContain("tykkäyksiä");
    expect(render("fi", "1", "")).toContain(link);
  });
});

describe("checking a templates file", () => {
  it("names unknown placeholders, also inside sections, and mails the default language lacks", () => {
    const file = complete("en");
    file.en = {
      ...file.en,
      email_login_code: { subject: "{{code}}", text: "{{#minutes}}{{password}}{{/minutes}} {{app_name}}" },
    };
    file.fi = { email_changed_notice: { subject: "{{code}}", text: "{{new_email}}" } };
    expect(templateProblems(file, "en")).toEqual([
      { path: "/en/email_login_code/text", message: "unknown placeholder {{password}}" },
      { path: "/fi/email_changed_notice/subject", message: "unknown placeholder {{code}}" },
    ]);
    expect(templateProblems(file, "fi").map((problem) => problem.path)).toEqual([
      "/en/email_login_code/text",
      "/fi/email_changed_notice/subject",
      "/fi/email_login_code",
      "/fi/email_registration_code",
      "/fi/password_reset_code",
      "/fi/email_verification",
      "/fi/email_change_verification",
      "/fi/password_changed_notice",
      "/fi/unused_account_warning",
      "/fi/activity_reminder",
    ]);
  });

  it("refuses a file with a bad shape or bad mustache, naming the file", () => {
    const badShape = fileWith('[en.email_login_code]\nsubject = "x"\n[english.other]\ntext = "y"\n');
    expect(() => MailTemplates.load(badShape, "en", "Venus")).toThrow(ConfigError);
    const unclosed = fileWith(
      Object.keys(MAIL_TEMPLATES)
        .map((name) => `[en.${name}]\nsubject = "s"\ntext = "{{#code}} never closed"\n`)
        .join(""),
    );
    expect(() => MailTemplates.load(unclosed, "en", "Venus")).toThrow(/unclosed section|Unclosed section/i);
  });
});
