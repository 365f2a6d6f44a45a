import { Type, type Static } from "@sinclair/typebox";

/** Limits on the attribute definitions file and on what clients send. */
export const ATTRIBUTE_LIMITS = {
  /** Largest attribute, group and value id. */
  maxId: 65535,
  attributes: 64,
  valuesPerAttribute: 256,
  groupsPerAttribute: 32,
  /** Values of all attributes together: a profile's answers take at most this many bits in memory. */
  totalValues: 2048,
  filters: 32,
  /** Languages per name. */
  translations: 32,
} as const;

const Id = (description: string) =>
  Type.Integer({ minimum: 1, maximum: ATTRIBUTE_LIMITS.maxId, description });
const AttributeId = Id("Stable attribute id; never reused for another question.");
const AttributeValueId = Id("Stable value id, unique within its attribute (across its groups too).");
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
/** `name` in other languages, for apps that show the catalogue in the reader's language. */
const Translations = Type.Optional(
  Type.Record(Type.String({ pattern: "^[a-z]{2,3}$" }), DisplayName, {
    additionalProperties: false,
    maxProperties: ATTRIBUTE_LIMITS.translations,
    description: "The name in other languages, by language code (`fi`); a language not listed uses `name`.",
  }),
);
const ValueIds = (description: string) =>
  Type.Array(AttributeValueId, { maxItems: ATTRIBUTE_LIMITS.valuesPerAttribute, description });

export const AttributeValue = Type.Object(
  { id: AttributeValueId, name: DisplayName, translations: Translations },
  { additionalProperties: false },
);
export type AttributeValue = Static<typeof AttributeValue>;

export const AttributeGroup = Type.Object(
  {
    id: Id("Stable group id, unique within its attribute."),
    name: DisplayName,
    translations: Translations,
    values: Type.Array(AttributeValue, { minItems: 1, maxItems: ATTRIBUTE_LIMITS.valuesPerAttribute }),
  },
  { additionalProperties: false },
);
export type AttributeGroup = Static<typeof AttributeGroup>;

export const ATTRIBUTE_KINDS = ["single", "multiple"] as const;
export const AttributeKind = Type.Union(ATTRIBUTE_KINDS.map((k) => Type.Literal(k)));
export type AttributeKind = (typeof ATTRIBUTE_KINDS)[number];

export const AttributeDefinition = Type.Object(
  {
    id: AttributeId,
    key: Type.String({
      pattern: "^[a-z][a-z0-9_]*$",
      maxLength: 64,
      description: "Stable machine name, such as `relationship_goal`.",
    }),
    name: DisplayName,
    translations: Translations,
    kind: AttributeKind,
    max_selected: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: "Multiple choice only: the most values a profile selects (default: all of them).",
      }),
    ),
    values: Type.Optional(
      Type.Array(AttributeValue, { minItems: 1, maxItems: ATTRIBUTE_LIMITS.valuesPerAttribute }),
    ),
    groups: Type.Optional(
      Type.Array(AttributeGroup, { minItems: 1, maxItems: ATTRIBUTE_LIMITS.groupsPerAttribute }),
    ),
  },
  {
    additionalProperties: false,
    description: "A question; its answers are either flat `values` or `groups` of values (two levels).",
  },
);
export type AttributeDefinition = Static<typeof AttributeDefinition>;

/** The profile attributes file (`config/profile-attributes.toml`), also sent to clients. */
export const AttributeDefinitions = Type.Object(
  { attributes: Type.Array(AttributeDefinition, { minItems: 1, maxItems: ATTRIBUTE_LIMITS.attributes }) },
  { additionalProperties: false },
);
export type AttributeDefinitions = Static<typeof AttributeDefinitions>;

/** A profile's answers: attribute id (decimal) → selected value ids. */
export const AttributeAnswers = Type.Record(
  Type.String({ pattern: "^[1-9][0-9]{0,4}$" }),
  ValueIds("Selected value ids."),
  {
    additionalProperties: false,
    maxProperties: ATTRIBUTE_LIMITS.attributes,
    description: "Attribute id (decimal string) → selected value ids; an absent or empty list is no answer.",
  },
);
export type AttributeAnswers = Static<typeof AttributeAnswers>;

export const ATTRIBUTE_FILTER_MODES = ["and", "or"] as const;
export type AttributeFilterMode = (typeof ATTRIBUTE_FILTER_MODES)[number];

/** One attribute condition of the profile iterator; a profile without an answer has none of the values. */
export const AttributeFilter = Type.Object(
  {
    attribute_id: AttributeId,
    wanted: Type.Optional(ValueIds("The profile has these values (see `mode`).")),
    mode: Type.Optional(
      Type.Union(
        ATTRIBUTE_FILTER_MODES.map((m) => Type.Literal(m)),
        { default: "or", description: "`and`: every wanted value; `or`: at least one." },
      ),
    ),
    unwanted: Type.Optional(ValueIds("The profile has none of these values.")),
  },
  { additionalProperties: false },
);
export type AttributeFilter = Static<typeof AttributeFilter>;

/** Attribute conditions, all of which a profile meets. */
export const AttributeFilters = Type.Array(AttributeFilter, { maxItems: ATTRIBUTE_LIMITS.filters });
export type AttributeFilters = Static<typeof AttributeFilters>;
