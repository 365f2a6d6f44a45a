import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { FolderTransport } from "./folder-transport.js";

const silent = createLogger("silent", "test");

describe("FolderTransport", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "venus-folder-transport-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("writes each mail as an .eml file into a folder it creates, and logs it", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger("info", "test", { write: (line: string) => lines.push(JSON.parse(line)) });
    const dir = join(root, "outgoing", "mail");
    const transport = new FolderTransport(dir, "Venus <no-reply@venus.test>", log);
    const mail = { to: "aiti@example.test", subject: "Koodi — Äiti", text: "Hei Äiti — koodi 123456" };
    await transport.send(mail);
    transport.close();

    // Only the finished file: no temp file left behind.
    const files = await readdir(dir);
    expect(files).toEqual([expect.stringMatching(/^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{8}\.eml$/)]);

    const parsed = await simpleParser(await readFile(join(dir, files[0]!)));
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text?.trimEnd()).toBe(mail.text);
    expect(parsed.from?.value).toEqual([{ name: "Venus", address: "no-reply@venus.test" }]);
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
    expect(to.flatMap((address) => address?.value.map((value) => value.address))).toEqual([mail.to]);

    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: "mail written to folder",
        ...mail,
        file: join(dir, files[0]!),
      }),
    ]);
  });

  it("rejects when the folder cannot be created", async () => {
    await writeFile(join(root, "a-file"), "");
    const transport = new FolderTransport(join(root, "a-file", "mail"), "no-reply@venus.test", silent);
    await expect(transport.send({ to: "x@example.test", subject: "s", text: "t" })).rejects.toThrow(
      /ENOTDIR/,
    );
    expect(await readdir(root)).toEqual(["a-file"]);
  });
});
