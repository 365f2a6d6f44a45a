import { VenusConfig } from "@venus/model";
import { loadConfig, renderDefaultConfig } from "@venus/simple-backend";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";

// `venus config default` prints this text; it lives here because simple-backend may not see model.
describe("the default Venus config file", () => {
  const defaults = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" });
  const text = renderDefaultConfig(VenusConfig, "Venus server configuration.");

  it("parses back to exactly the defaults of VenusConfig", () => {
    expect(parse(text)).toEqual(defaults);
  });

  it("has every section and option of the schema", () => {
    for (const [section, schema] of Object.entries(VenusConfig.properties)) {
      if (schema.type === "object") expect(text).toContain(`[${section}]`);
      else expect(text).toMatch(new RegExp(`^${section} = `, "m"));
    }
    expect(text).toContain("[rate_limits.login_per_ip]");
  });
});
