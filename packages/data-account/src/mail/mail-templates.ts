import { fileURLToPath } from "node:url";
import Mustache from "mustache";
import { EmailTemplatesFile, MAIL_TEMPLATES, type MailTemplate, type MailTemplateName } from "@venus/model";
import {
  compileValidator,
  ConfigError,
  readTomlFile,
  type OutgoingMail,
  type SchemaIssue,
} from "@venus/simple-backend";

/** The embedded default, `config/email-templates.toml` at the repository root (same path from src and dist). */
export const DEFAULT_TEMPLATES_FILE = fileURLToPath(
  new URL("../../../../config/email-templates.toml", import.meta.url),
);

const checkFile = compileValidator(EmailTemplatesFile);

export type MailParams<N extends MailTemplateName> = Record<(typeof MAIL_TEMPLATES)[N][number], string>;

/** The names a mustache template uses, sections included. */
function placeholders(tokens: Mustache.TemplateSpans): string[] {
  return tokens.flatMap((token) => [
    ...(token[0] === "text" ? [] : [token[1]]),
    ...(Array.isArray(token[4]) ? placeholders(token[4] as Mustache.TemplateSpans) : []),
  ]);
}

/** Every problem of a templates file: unknown placeholders, and mails the default language lacks. */
export function templateProblems(file: EmailTemplatesFile, defaultLanguage: string): SchemaIssue[] {
  const problems: SchemaIssue[] = [];
  for (const [language, mails] of Object.entries(file)) {
    for (const [name, template] of Object.entries(mails) as [MailTemplateName, MailTemplate][]) {
      const allowed = new Set<string>([...MAIL_TEMPLATES[name], "app_name"]);
      for (const part of ["subject", "text"] as const) {
        const path = `/${language}/${name}/${part}`;
        let used: string[];
        try {
          used = placeholders(Mustache.parse(template[part]));
        } catch (error) {
          problems.push({ path, message: (error as Error).message });
          continue;
        }
        for (const unknown of used.filter((placeholder) => !allowed.has(placeholder)))
          problems.push({ path, message: `unknown placeholder {{${unknown}}}` });
      }
    }
  }
  const defaults = file[defaultLanguage];
  for (const name of Object.keys(MAIL_TEMPLATES) as MailTemplateName[])
    if (!defaults?.[name])
      problems.push({ path: `/${defaultLanguage}/${name}`, message: "missing in the default language" });
  return problems;
}

/** The mail templates per language, checked at start-up; renders mails with a fallback language. */
export class MailTemplates {
  private constructor(
    private readonly file: EmailTemplatesFile,
    private readonly defaultLanguage: string,
    private readonly appName: string,
  ) {}

  /** Reads and checks a templates file; throws a ConfigError naming the file and every problem. */
  static load(file: string, defaultLanguage: string, appName: string): MailTemplates {
    const shape = checkFile(readTomlFile(file));
    if (!shape.ok) throw new ConfigError(file, shape.issues);
    const problems = templateProblems(shape.value, defaultLanguage);
    if (problems.length > 0) throw new ConfigError(file, problems);
    return new MailTemplates(shape.value, defaultLanguage, appName);
  }

  /** The languages the file has mails in (the default language among them). */
  languages(): string[] {
    return [...new Set([this.defaultLanguage, ...Object.keys(this.file)])].sort();
  }

  render<N extends MailTemplateName>(
    name: N,
    language: string | undefined,
    to: string,
    params: MailParams<N>,
  ): OutgoingMail {
    const template =
      (language === undefined ? undefined : this.file[language]?.[name]) ??
      (this.file[this.defaultLanguage]?.[name] as MailTemplate);
    const view = { ...params, app_name: this.appName };
    // Plain-text mail: nothing is HTML-escaped.
    const options = { escape: (value: unknown) => String(value) };
    return {
      to,
      subject: Mustache.render(template.subject, view, {}, options).trim(),
      text: Mustache.render(template.text, view, {}, options).trimStart(),
    };
  }
}
