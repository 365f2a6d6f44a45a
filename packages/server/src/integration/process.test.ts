import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "smol-toml";
import { describe, expect, test } from "vitest";
import { VenusConfig } from "@venus/model";
import { loadConfig } from "@venus/simple-backend";
import { request } from "../testing/http-client.js";
import { newDataDir, startServer, VENUS_BIN } from "../testing/spawn-server.js";

function venus(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [VENUS_BIN, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "venus-config-")), "venus.toml");
  writeFileSync(file, text);
  return file;
}

describe("the venus binary", () => {
  test("--version and --help", () => {
    expect(venus(["--version"]).stdout.trim()).toBe("0.1.0");
    const help = venus(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("server");
    expect(help.stdout).toContain("config");
  });

  test("unknown commands and flags are clear errors with a non-zero exit", () => {
    const flag = venus(["server", "--no-such-flag"]);
    expect(flag.status).not.toBe(0);
    expect(flag.stderr).toContain("unknown option '--no-such-flag'");
    const command = venus(["fly"]);
    expect(command.status).not.toBe(0);
    expect(command.stderr).toContain("unknown command 'fly'");
    const missing = venus(["server", "--config"]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("argument missing");
  });

  test("config default prints every option, commented, parsing back to exactly the defaults", () => {
    const result = venus(["config", "default"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("# Address to listen on");
    const defaults = loadConfig({
      schema: VenusConfig,
      envPrefix: "VENUS_TEST_NONE_",
    });
    expect(parse(result.stdout)).toEqual(defaults);
  });

  test("the printed default config starts a working server", async () => {
    const file = configFile(venus(["config", "default"]).stdout);
    const dataDir = newDataDir();
    const child = spawn(process.execPath, [VENUS_BIN, "server", "--config", file], {
      env: {
        ...process.env,
        VENUS_HTTP__PORT: "0",
        VENUS_DATA_DIR: join(dataDir, "data"),
      },
    });
    const port = await new Promise<number>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const match = /"port":(\d+),.*"msg":"listening"/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
    });
    expect((await request(`http://127.0.0.1:${port}`, "GET", "/health")).status).toBe(200);
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
  });
});

describe("configuration errors exit 2 and name every bad key", () => {
  test("unknown keys and wrong types in the file", () => {
    const file = configFile('[http]\nport = "three thousand"\nbogus = 1\n\n[nonsense]\nx = 1\n');
    const result = venus(["server", "--config", file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("http.port");
    expect(result.stderr).toContain("http.bogus: unknown key");
    expect(result.stderr).toContain("nonsense: unknown key");
  });

  test("values out of range", () => {
    const result = venus(["server", "--config", configFile("[websocket]\nidle_timeout_seconds = 2\n")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("websocket.idle_timeout_seconds");
  });

  test("bad environment overrides", () => {
    const wrongType = venus(["server"], { VENUS_HTTP__PORT: "abc" });
    expect(wrongType.status).toBe(2);
    expect(wrongType.stderr).toContain("http.port");
    const unknown = venus(["server"], { VENUS_HTTP__PROT: "3000" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("http.prot: unknown key (from environment variable VENUS_HTTP__PROT)");
  });

  test("options checked when used: the name regex, the location box, the attributes file", () => {
    const regex = venus(["server", "--config", configFile('[profile]\nname_regex = "(unclosed"\n')]);
    expect(regex.status).toBe(2);
    expect(regex.stderr).toContain("profile.name_regex");
    const box = venus(["server", "--config", configFile("[profile.location]\nnorth = 10\nsouth = 20\n")]);
    expect(box.status).toBe(2);
    expect(box.stderr).toContain("profile.location");
    const attributes = configFile('[[attributes]]\nid = 1\nkey = "a"\nname = "A"\nkind = "single"\n');
    const bad = venus([
      "server",
      "--config",
      configFile(`[profile]\nattributes_file = ${JSON.stringify(attributes)}\n`),
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(attributes);
  });

  test("a trusted proxy that is not an address or a CIDR range", () => {
    const result = venus([
      "server",
      "--config",
      configFile('[http]\ntrusted_proxies = ["::1", "10.0.0.0/33"]\n'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("http.trusted_proxies.1: must be an IP address or a CIDR range");
    const fromEnv = venus(["server"], { VENUS_HTTP__TRUSTED_PROXIES: '["proxy.local"]' });
    expect(fromEnv.status).toBe(2);
    expect(fromEnv.stderr).toContain("http.trusted_proxies.0");
  });

  test("the removed http.trust_forwarded_for names its replacement", () => {
    const result = venus(["server", "--config", configFile("[http]\ntrust_forwarded_for = true\n")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "http.trust_forwarded_for: removed; list the reverse proxies in http.trusted_proxies",
    );
  });

  test("a missing file or invalid TOML", () => {
    const missing = venus(["server", "--config", "/nonexistent/venus.toml"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read file");
    const invalid = venus(["server", "--config", configFile("[http\nport = 1")]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("not valid TOML");
  });
});

describe("start-up guards", () => {
  test("a second server on the same data directory exits with a clear error", async () => {
    const first = await startServer();
    try {
      const file = configFile(
        `data_dir = ${JSON.stringify(join(first.dataDir, "data"))}\n[http]\nport = 0\n`,
      );
      const second = venus(["server", "--config", file]);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`in use by another Venus process (pid ${first.process.pid})`);
      expect((await request(first.url, "GET", "/health")).status).toBe(200);
    } finally {
      await first.stop();
      first.cleanup();
    }
  });
});

describe("systemd notifications", () => {
  test("READY, STATUS and STOPPING go to NOTIFY_SOCKET when it is set", async () => {
    const socketPath = join(newDataDir(), "notify.sock");
    const listener = spawn("python3", [
      "-c",
      [
        "import socket, sys",
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
        `s.bind(${JSON.stringify(socketPath)})`,
        "print('bound', flush=True)",
        "while True:",
        "    data = s.recv(4096).decode()",
        "    print(data.replace('\\n', ' '), flush=True)",
        "    if 'STOPPING=1' in data: break",
      ].join("\n"),
    ]);
    const listenerExited = new Promise((resolve) => listener.on("exit", resolve));
    const messages: string[] = [];
    const bound = new Promise<void>((resolve) =>
      listener.stdout.on("data", (chunk: Buffer) => {
        for (const line of chunk.toString().split("\n").filter(Boolean)) {
          if (line === "bound") resolve();
          else messages.push(line);
        }
      }),
    );
    await bound;
    const server = await startServer({ env: { NOTIFY_SOCKET: socketPath } });
    const deadline = Date.now() + 5000;
    while (!messages.some((m) => m.includes("READY=1")) && Date.now() < deadline) await sleep(20);
    expect(messages.find((m) => m.includes("READY=1"))).toContain(
      `STATUS=listening on 127.0.0.1:${server.port}`,
    );
    expect(await server.stop()).toBe(0);
    await listenerExited;
    expect(messages.some((m) => m.includes("STOPPING=1"))).toBe(true);
    server.cleanup();
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("docs/configuration.md shows exactly the current default config (npm run docs:config)", () => {
  const docs = readFileSync(
    fileURLToPath(new URL("../../../../docs/configuration.md", import.meta.url)),
    "utf8",
  );
  expect(docs).toContain("```toml\n" + venus(["config", "default"]).stdout + "```");
});
