import { createLogger } from "@venus/simple-backend";
import { describe, expect, test } from "vitest";
import { describeFailure, runSystemCommand } from "./system-command.js";

const log = createLogger("silent", "test");
const node = (script: string) => [process.execPath, "-e", script];

describe("runSystemCommand", () => {
  test("reports a command that succeeds, with its output", async () => {
    const result = await runSystemCommand(node("process.stdout.write('bye')"), "reboot", log);
    expect(result).toEqual({
      command: node("process.stdout.write('bye')"),
      ok: true,
      exit_code: 0,
      signal: null,
      output: "bye",
    });
  });

  test("reports a failing command with its exit code and output, without throwing", async () => {
    const result = await runSystemCommand(
      node("console.error('no permission'); process.exit(3)"),
      "reboot",
      log,
    );
    expect(result).toMatchObject({ ok: false, exit_code: 3, signal: null, output: "no permission\n" });
    expect(describeFailure("reboot", result)).toBe("the reboot command exited with code 3: no permission");
  });

  test("reports a program that does not exist", async () => {
    const result = await runSystemCommand(["/nonexistent/venus-reboot"], "shutdown", log);
    expect(result).toMatchObject({ ok: false, exit_code: null, signal: null });
    expect(result.output).toContain("ENOENT");
    expect(describeFailure("shutdown", result)).toMatch(/^the shutdown command could not run: .*ENOENT/);
  });
});
