import {
  invalidInput,
  VenusError,
  type AttributeAnswers,
  type AttributeDefinitions,
  type AttributeFilters,
} from "@venus/model";
import { formatIssues, type SchemaIssue } from "@venus/simple-backend";
import { compileAttributeFilters, encodeAttributeAnswers } from "./attribute-bitset.js";
import type { CompiledAttributeFilters } from "./attribute-matcher.js";
import { layOutAttributes, type AttributeLookup, type CatalogAttribute } from "./catalog-attribute.js";
import { attributeAnswerProblems, normalizeAttributeAnswers } from "./check-attribute-answers.js";
import { attributeDefinitionProblems } from "./check-attribute-definitions.js";
import { attributeFilterProblems } from "./check-attribute-filters.js";

function invalid(field: string, issues: SchemaIssue[]): VenusError {
  return invalidInput(
    issues.map((i) => ({ path: i.path ? `${field}.${i.path}` : field, message: i.message })),
  );
}

/** The profile attributes of this server: lookups, the rules for answers and filters, the compact form. */
export class AttributeCatalog implements AttributeLookup {
  /** 32-bit words of a profile's answers in compact form (see attribute-matcher.ts). */
  readonly wordCount: number;
  readonly attributes: readonly CatalogAttribute[];
  private readonly byId = new Map<number, CatalogAttribute>();
  private readonly byDecimal = new Map<string, CatalogAttribute>();
  private readonly byKey = new Map<string, CatalogAttribute>();

  /** Takes definitions as `parseAttributeDefinitions` returns them; throws on definitions that break its rules. */
  constructor(readonly definitions: AttributeDefinitions) {
    const problems = attributeDefinitionProblems(definitions);
    if (problems.length > 0) throw new Error(`invalid attribute definitions: ${formatIssues(problems)}`);
    const { attributes, bitCount } = layOutAttributes(definitions);
    this.attributes = attributes;
    this.wordCount = Math.ceil(bitCount / 32);
    for (const attribute of attributes) {
      this.byId.set(attribute.id, attribute);
      this.byDecimal.set(String(attribute.id), attribute);
      this.byKey.set(attribute.key, attribute);
    }
  }

  /** By id, as a number or as the canonical decimal key of `AttributeAnswers` ("7", not "07"). */
  attribute(id: number | string): CatalogAttribute | undefined {
    return typeof id === "number" ? this.byId.get(id) : this.byDecimal.get(id);
  }

  attributeByKey(key: string): CatalogAttribute | undefined {
    return this.byKey.get(key);
  }

  /** Every problem of answers that passed the schema; paths are relative to the answers object. */
  validateAnswers(answers: AttributeAnswers): SchemaIssue[] {
    return attributeAnswerProblems(this, answers);
  }

  /** Sorted unique ids, empty answers left out: the form a profile stores and sends. */
  normalize(answers: AttributeAnswers): AttributeAnswers {
    return normalizeAttributeAnswers(answers);
  }

  /** Normalized answers, or `validation_failed` naming every problem under `field`. */
  acceptAnswers(answers: AttributeAnswers, field = "attributes"): AttributeAnswers {
    const issues = this.validateAnswers(answers);
    if (issues.length > 0) throw invalid(field, issues);
    return this.normalize(answers);
  }

  /** Every problem of iterator filters that passed the schema; paths are relative to the array. */
  validateFilters(filters: AttributeFilters): SchemaIssue[] {
    return attributeFilterProblems(this, filters);
  }

  /** Filters ready for `matchesAttributeFilters`, or `validation_failed` naming every problem under `field`. */
  compileFilters(filters: AttributeFilters, field = "attributes"): CompiledAttributeFilters {
    const issues = this.validateFilters(filters);
    if (issues.length > 0) throw invalid(field, issues);
    return compileAttributeFilters(this, filters);
  }

  /** Answers in compact form, in `words` at `offset` (a new array of `wordCount` words by default). */
  encodeAnswers(answers: AttributeAnswers, words = new Int32Array(this.wordCount), offset = 0): Int32Array {
    encodeAttributeAnswers(this, answers, words, offset, this.wordCount);
    return words;
  }
}
