import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

const domains = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { default: [], description });
const file = (description: string) => Type.String({ default: "", description });

/** Who may register: email domains and daily caps (docs/admin.md, "Registration safeguards"). */
export const registrationConfigSection = configSection(
  "Registration safeguards for every way an account is made (password, email code, provider): email domains and daily caps (docs/admin.md).",
  {
    email_domain_allow: domains(
      "Only addresses at these domains (or their subdomains) may register, with those of email_domain_allow_file; both empty: every domain.",
    ),
    email_domain_allow_file: file(
      "A text file of allowed domains, one a line (# starts a comment); read at start-up; empty: none.",
    ),
    email_domain_block: domains(
      "Addresses at these domains (or their subdomains) may not register (403 email_domain_not_allowed).",
    ),
    email_domain_block_file: file(
      "A text file of blocked domains, one a line; read at start-up; empty: none.",
    ),
    disposable_domains_file: file(
      "A text file of disposable-address domains, one a line; an address there may not register (403 disposable_email); empty: none.",
    ),
    daily_cap: Type.Integer({
      default: 0,
      minimum: 0,
      description:
        "Initial value of the runtime flag registrations_per_day: new accounts per UTC day in all, 0: no cap (429 registration_cap_reached).",
    }),
    daily_cap_per_range: Type.Integer({
      default: 0,
      minimum: 0,
      description:
        "Initial value of the runtime flag registrations_per_day_per_range: new accounts per UTC day from one address range (IPv4 /24, IPv6 /48), 0: no cap.",
    }),
  },
);
