import { readFileSync } from "node:fs";
import { VenusError, type VenusConfig } from "@venus/model";
import { ConfigError } from "@venus/simple-backend";

const DOMAIN =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The domains of a list file: one a line, `#` starts a comment; a line that is no domain is a config error. */
export function readDomainFile(key: string, path: string): string[] {
  if (!path) return [];
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(path, [{ path: key, message: `cannot read: ${(error as Error).message}` }]);
  }
  const domains: string[] = [];
  const issues: { path: string; message: string }[] = [];
  text.split("\n").forEach((line, index) => {
    const domain = line.replace(/#.*/, "").trim().toLowerCase();
    if (!domain) return;
    if (DOMAIN.test(domain)) domains.push(domain);
    else issues.push({ path: `${key} line ${index + 1}`, message: `not a domain: ${domain}` });
  });
  if (issues.length > 0) throw new ConfigError(path, issues);
  return domains;
}

/** The domain and each parent domain of an address (`a.b.example` → a.b.example, b.example, example). */
function domainAndParents(email: string): string[] {
  const labels = email.slice(email.lastIndexOf("@") + 1).split(".");
  return labels.map((_, i) => labels.slice(i).join("."));
}

/** Which email domains may register: allow list, block list and disposable-address list. */
export class DomainRules {
  private readonly allow: Set<string>;
  private readonly block: Set<string>;
  private readonly disposable: Set<string>;

  constructor(lists: { allow: string[]; block: string[]; disposable: string[] }) {
    const set = (domains: string[]) => new Set(domains.map((d) => d.toLowerCase()));
    this.allow = set(lists.allow);
    this.block = set(lists.block);
    this.disposable = set(lists.disposable);
  }

  static fromConfig(config: VenusConfig["registration"]): DomainRules {
    return new DomainRules({
      allow: [
        ...config.email_domain_allow,
        ...readDomainFile("registration.email_domain_allow_file", config.email_domain_allow_file),
      ],
      block: [
        ...config.email_domain_block,
        ...readDomainFile("registration.email_domain_block_file", config.email_domain_block_file),
      ],
      disposable: readDomainFile("registration.disposable_domains_file", config.disposable_domains_file),
    });
  }

  /** Throws `email_domain_not_allowed` or `disposable_email` when a (normalized) address may not register. */
  check(email: string): void {
    const domains = domainAndParents(email);
    const listed = (set: Set<string>) => domains.some((domain) => set.has(domain));
    if (listed(this.block) || (this.allow.size > 0 && !listed(this.allow)))
      throw new VenusError("email_domain_not_allowed");
    if (listed(this.disposable)) throw new VenusError("disposable_email");
  }
}
