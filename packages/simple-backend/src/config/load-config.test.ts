import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Type } from "@sinclair/typebox";
import { parse } from "smol-toml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backendConfigProperties } from "./backend-config.js";
import { configSection } from "./config-section.js";
import { renderDefaultConfig } from "./default-config-toml.js";
import { ConfigError, loadConfig } from "./load-config.js";

/** A small application schema the way products build theirs: the backend options plus their own. */
const TestConfig = Type.Object(
  {
    ...backendConfigProperties,
    chat: configSection("Chat.\nSecond line of the description.", {
      max_length: Type.Integer({ default: 500, minimum: 1 }),
      motd: Type.String({ default: 'hello "world"\n', description: "Text." }),
      ratio: Type.Number({ default: 0.5 }),
      limits: configSection("Nested table.", {
        per_minute: Type.Integer({ default: 60, minimum: 1 }),
        enabled: Type.Boolean({ default: true }),
      }),
    }),
  },
  { additionalProperties: false },
);

const DEFAULTS = {
  data_dir: "./data",
  http: {
    host: "127.0.0.1",
    port: 3000,
    transport: "auto",
    max_body_bytes: 65536,
    max_json_depth: 32,
    trusted_proxies: [],
    proxy_header: "x-forwarded-for",
    discard_body_max_bytes: 67108864,
    discard_body_seconds: 30,
  },
  log: { level: "info", format: "auto" },
  shutdown: { deadline_seconds: 20 },
  chat: {
    max_length: 500,
    motd: 'hello "world"\n',
    ratio: 0.5,
    limits: { per_minute: 60, enabled: true },
  },
};

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "venus-config-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(text: string): string {
  const path = join(dir, "venus.toml");
  writeFileSync(path, text);
  return path;
}

function load(options: { file?: string; env?: Record<string, string> } = {}) {
  return loadConfig({
    schema: TestConfig,
    file: options.file,
    env: options.env ?? {},
    envPrefix: "VENUS_",
  });
}

function issuesOf(action: () => unknown): { path: string; message: string }[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("fills every default when there is no file and no environment", () => {
    expect(load()).toEqual(DEFAULTS);
  });

  it("fills the defaults around the keys a file sets", () => {
    const config = load({
      file: file('data_dir = "/srv/venus"\n[http]\nport = 8080\n'),
    });
    expect(config).toEqual({
      ...DEFAULTS,
      data_dir: "/srv/venus",
      http: { ...DEFAULTS.http, port: 8080 },
    });
  });

  it("gives every load its own default objects", () => {
    const first = load();
    first.http.port = 1;
    first.chat.limits.per_minute = 2;
    expect(load()).toEqual(DEFAULTS);
  });

  it("names an unknown key", () => {
    const issues = issuesOf(() => load({ file: file("[http]\nprot = 80\n") }));
    expect(issues).toEqual([{ path: "http.prot", message: "unknown key" }]);
  });

  it("accepts trusted proxies as IPv4 and IPv6 addresses and CIDR ranges", () => {
    const list = ["127.0.0.1", "::1", "10.0.0.0/8", "192.168.1.0/24", "fd00::/8", "0.0.0.0/0", "::/0"];
    const config = load({ file: file(`[http]\ntrusted_proxies = ${JSON.stringify(list)}\n`) });
    expect(config.http.trusted_proxies).toEqual(list);
  });

  it("names every trusted proxy entry that is not an address or a range", () => {
    const bad = [
      "10.0.0.0/33",
      "::/129",
      "10.0.0.256",
      "example.com",
      "10.0.0.0/8/8",
      "10.0.0.0/",
      "fd00::/x",
      "",
    ];
    const issues = issuesOf(() =>
      load({ file: file(`[http]\ntrusted_proxies = ${JSON.stringify(["127.0.0.1", ...bad])}\n`) }),
    );
    expect(issues).toEqual(
      bad.map((_, i) => ({
        path: `http.trusted_proxies.${i + 1}`,
        message: "must be an IP address or a CIDR range, such as 10.0.0.1, 10.0.0.0/8 or fd00::/8",
      })),
    );
  });

  it("refuses the removed trust_forwarded_for and names its replacement", () => {
    const issues = issuesOf(() => load({ file: file("[http]\ntrust_forwarded_for = true\n") }));
    expect(issues).toEqual([
      { path: "http.trust_forwarded_for", message: expect.stringContaining("http.trusted_proxies") },
    ]);
    const fromEnv = issuesOf(() => load({ env: { VENUS_HTTP__TRUST_FORWARDED_FOR: "true" } }));
    expect(fromEnv).toEqual([
      { path: "http.trust_forwarded_for", message: expect.stringContaining("http.trusted_proxies") },
    ]);
  });

  it("names a key of the wrong type", () => {
    const issues = issuesOf(() => load({ file: file('[http]\nport = "eighty"\n') }));
    expect(issues).toEqual([{ path: "http.port", message: "must be integer" }]);
  });

  it("lists several bad keys at once, in the error message too", () => {
    let error: unknown;
    try {
      load({
        file: file(
          [
            "bogus = 1",
            "[http]",
            "transport = 'fast'",
            "port = 70000",
            "prot = 1",
            "[log]",
            'level = "loud"',
            "[chat.limits]",
            "per_minute = 0",
          ].join("\n"),
        ),
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = new Set((error as ConfigError).issues.map((i) => i.path));
    expect([...paths].sort()).toEqual([
      "bogus",
      "chat.limits.per_minute",
      "http.port",
      "http.prot",
      "http.transport",
      "log.level",
    ]);
    for (const path of paths) expect((error as ConfigError).message).toContain(`  - ${path}: `);
  });

  it("reports a file that cannot be read or is not TOML", () => {
    expect(issuesOf(() => load({ file: join(dir, "missing.toml") }))[0]?.message).toMatch(
      /^cannot read file/,
    );
    expect(issuesOf(() => load({ file: file("[http\n") }))[0]?.message).toMatch(/^not valid TOML/);
  });
});

describe("environment overrides", () => {
  it("sets a nested key from VENUS_SECTION__KEY, over the file", () => {
    const config = load({
      file: file("[http]\nport = 8080\n"),
      env: { VENUS_HTTP__PORT: "4000", VENUS_CHAT__LIMITS__PER_MINUTE: "7" },
    });
    expect(config.http.port).toBe(4000);
    expect(config.chat.limits.per_minute).toBe(7);
  });

  it("takes strings as they are and other values as TOML", () => {
    const config = load({
      env: {
        VENUS_DATA_DIR: "/var/lib/venus",
        VENUS_HTTP__HOST: "0.0.0.0",
        VENUS_HTTP__TRANSPORT: "node",
        VENUS_CHAT__LIMITS__ENABLED: "false",
        VENUS_CHAT__RATIO: "0.25",
        VENUS_CHAT__MOTD: "42",
      },
    });
    expect(config.data_dir).toBe("/var/lib/venus");
    expect(config.http.host).toBe("0.0.0.0");
    expect(config.http.transport).toBe("node");
    expect(config.chat.limits.enabled).toBe(false);
    expect(config.chat.ratio).toBe(0.25);
    expect(config.chat.motd).toBe("42");
  });

  it("sets a key that is a choice among strings", () => {
    expect(load({ env: { VENUS_LOG__LEVEL: "debug" } }).log.level).toBe("debug");
    expect(issuesOf(() => load({ env: { VENUS_LOG__LEVEL: "loud" } }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "log.level" })]),
    );
  });

  it("ignores variables without the prefix", () => {
    expect(load({ env: { HTTP__PORT: "1", OTHER_HTTP__PORT: "1" } })).toEqual(DEFAULTS);
  });

  it("names an unknown key from the environment and the variable", () => {
    const issues = issuesOf(() => load({ env: { VENUS_HTTP__PROT: "1", VENUS_HTTP: "1" } }));
    expect(issues).toEqual([
      {
        path: "http.prot",
        message: "unknown key (from environment variable VENUS_HTTP__PROT)",
      },
      {
        path: "http",
        message: "unknown key (from environment variable VENUS_HTTP)",
      },
    ]);
  });

  it("names a bad value from the environment", () => {
    expect(issuesOf(() => load({ env: { VENUS_HTTP__PORT: "abc" } }))).toEqual([
      {
        path: "http.port",
        message: 'VENUS_HTTP__PORT is not a valid value: "abc"',
      },
    ]);
    expect(issuesOf(() => load({ env: { VENUS_HTTP__PORT: "70000" } }))).toEqual([
      { path: "http.port", message: "must be <= 65535" },
    ]);
  });

  it("lists file and environment problems together", () => {
    const issues = issuesOf(() =>
      load({
        file: file("[log]\nlevel = 3\n"),
        env: { VENUS_NOPE: "1", VENUS_HTTP__PORT: "-1" },
      }),
    );
    const paths = new Set(issues.map((i) => i.path));
    expect([...paths].sort()).toEqual(["http.port", "log.level", "nope"]);
  });
});

describe("renderDefaultConfig", () => {
  it("parses back to exactly the defaults", () => {
    const text = renderDefaultConfig(TestConfig, "Header.\nSecond line.");
    expect(parse(text)).toEqual(DEFAULTS);
  });

  it("comments the header, tables and options with their descriptions", () => {
    const text = renderDefaultConfig(TestConfig, "Header.\nSecond line.");
    const lines = text.split("\n");
    expect(lines.slice(0, 2)).toEqual(["# Header.", "# Second line."]);
    expect(text).toContain("# Chat.\n# Second line of the description.\n[chat]\n");
    expect(text).toContain("# Text.\nmotd = ");
    expect(text).toContain("[chat.limits]\nper_minute = 60\n");
    expect(text.endsWith("\n")).toBe(true);
  });

  it("is a file loadConfig accepts with the same result", () => {
    const path = file(renderDefaultConfig(TestConfig, "Defaults."));
    expect(load({ file: path })).toEqual(DEFAULTS);
  });
});
