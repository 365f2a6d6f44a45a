import { type VenusConfig, invalidField } from "@venus/model";

const STARTS_UPPERCASE = /^\p{Lu}/u;

/** Name and text rules from `[profile]`, with the optional name regex compiled once. */
export class TextRules {
  private readonly nameRegex: RegExp | undefined;

  constructor(private readonly config: VenusConfig["profile"]) {
    this.nameRegex = config.name_regex ? new RegExp(config.name_regex, "u") : undefined;
  }

  /** The trimmed name, or `validation_failed` saying which rule it breaks. */
  name(raw: string): string {
    const name = raw.trim();
    if (name.length === 0) throw invalidField("name", "must not be empty");
    if (Buffer.byteLength(name, "utf8") > this.config.name_max_bytes) {
      throw invalidField("name", `must be at most ${this.config.name_max_bytes} bytes`);
    }
    if (!STARTS_UPPERCASE.test(name)) {
      throw invalidField("name", "must start with an uppercase letter");
    }
    if (this.nameRegex && !this.nameRegex.test(name)) {
      throw invalidField("name", "does not match the allowed pattern");
    }
    return name;
  }

  text(raw: string): string {
    const text = raw.trim();
    if (Buffer.byteLength(text, "utf8") > this.config.text_max_bytes) {
      throw invalidField("text", `must be at most ${this.config.text_max_bytes} bytes`);
    }
    return text;
  }
}
