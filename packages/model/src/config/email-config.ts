import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const SMTP_TLS_MODES = ["starttls", "implicit", "none"] as const;

export const emailConfigSection = configSection(
  "Outgoing email: sign-in codes, address verification and change notices (docs/sign-in.md).",
  {
    from: Type.String({
      default: "Venus <no-reply@localhost>",
      minLength: 3,
      description: "The From address of every mail.",
    }),
    app_name: Type.String({
      default: "Venus",
      minLength: 1,
      maxLength: 100,
      description: "The service's name in mails ({{app_name}} in templates).",
    }),
    public_url: Type.String({
      default: "",
      pattern: "^(https?://[^\\s]+)?$",
      description:
        "This server's address as users reach it, for links in mails (e.g. https://api.example.com); empty: http://<http.host>:<http.port>.",
    }),
    default_language: Type.String({
      default: "en",
      pattern: "^[a-z]{2,3}$",
      description:
        "Language of mails when a request names none or one the templates lack; the templates must have it.",
    }),
    templates_file: Type.String({
      default: "",
      description:
        "TOML file of mail templates per language (see config/email-templates.toml); empty: the embedded default.",
    }),
    folder: Type.String({
      default: "mail",
      minLength: 1,
      description:
        "With no smtp.host, every mail is written here as an .eml file (relative to data_dir) and logged.",
    }),
    retry_base_seconds: Type.Number({
      default: 30,
      exclusiveMinimum: 0,
      description: "First wait before sending a mail again after a failure; it doubles with each failure.",
    }),
    retry_max_seconds: Type.Number({
      default: 3600,
      exclusiveMinimum: 0,
      description: "Longest wait between two attempts at one mail.",
    }),
    give_up_hours: Type.Number({
      default: 72,
      exclusiveMinimum: 0,
      description:
        "A mail that fails again when it has waited this long since it was queued is dropped (and logged). A recipient or message the server refuses for good (5xx) is dropped at once.",
    }),
    max_queued: Type.Integer({
      default: 10000,
      minimum: 1,
      description:
        "Mails waiting to be sent; beyond this a request that would send one gets 503 busy (the SMTP server is down for long).",
    }),
    smtp: configSection("The SMTP server mails are handed to.", {
      host: Type.String({
        default: "",
        description: "Host name or address; empty (the default): mails are written to email.folder instead.",
      }),
      port: Type.Integer({ default: 587, minimum: 1, maximum: 65535, description: "TCP port." }),
      tls: Type.Union(
        SMTP_TLS_MODES.map((mode) => Type.Literal(mode)),
        {
          default: "starttls",
          description:
            "starttls: upgrade a plain connection, refusing a server that cannot (port 587); implicit: TLS from the start (port 465); none: never (loopback relays only).",
        },
      ),
      username: Type.String({ default: "", description: "Empty: no authentication." }),
      password: Type.String({ default: "", description: "Password for username." }),
      timeout_seconds: Type.Number({
        default: 15,
        exclusiveMinimum: 0,
        description:
          "Longest a connection, greeting or send may take before the attempt counts as failed (keep it under shutdown.deadline_seconds).",
      }),
    }),
  },
);
