import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const profileConfigSection = configSection("Profiles and profile browsing.", {
  name_max_bytes: Type.Integer({
    default: 100,
    minimum: 1,
    maximum: 400,
    description: "Longest profile name, in UTF-8 bytes after trimming.",
  }),
  name_regex: Type.String({
    default: "",
    description:
      "Extra rule every name must match (JavaScript regular expression, unicode mode); empty: none.",
  }),
  text_max_bytes: Type.Integer({
    default: 2000,
    minimum: 0,
    maximum: 8000,
    description: "Longest profile text, in UTF-8 bytes after trimming.",
  }),
  attributes_file: Type.String({
    default: "",
    description:
      "TOML file defining the profile attribute questions (see config/profile-attributes.toml); empty: the embedded default.",
  }),
  favorites_max: Type.Integer({
    default: 100,
    minimum: 0,
    maximum: 10000,
    description: "Favorites per account.",
  }),
  page_size: Type.Integer({
    default: 25,
    minimum: 1,
    maximum: 100,
    description: "Profiles per page of the profile iterator.",
  }),
  daily_page_resets: Type.Integer({
    default: 200,
    minimum: 1,
    description:
      "Iterator resets (new browsing sessions) per account per UTC day; initial value of the runtime flag daily_page_resets.",
  }),
  random_start_max_km: Type.Number({
    default: 20,
    minimum: 0,
    description: "With random_start, browsing begins at a random distance up to this many km.",
  }),
  daily_pages: Type.Integer({
    default: 1000,
    minimum: 1,
    description: "Iterator pages per account per UTC day; initial value of the runtime flag daily_pages.",
  }),
  location: configSection(
    "The area the location index covers. Locations outside are clamped to its border cells for indexing (distances stay exact).",
    {
      north: Type.Number({ default: 72, minimum: -89, maximum: 89, description: "Northern edge, degrees." }),
      south: Type.Number({ default: -56, minimum: -89, maximum: 89, description: "Southern edge, degrees." }),
      west: Type.Number({
        default: -180,
        minimum: -180,
        maximum: 180,
        description: "Western edge, degrees.",
      }),
      east: Type.Number({ default: 180, minimum: -180, maximum: 180, description: "Eastern edge, degrees." }),
      cell_km: Type.Number({
        default: 10,
        exclusiveMinimum: 0,
        description: "Target cell size of the index grid; smaller cells suit dense areas.",
      }),
    },
  ),
  moderation_page_size: Type.Integer({
    default: 25,
    minimum: 1,
    maximum: 500,
    description: "Items per page of the admin moderation queue.",
  }),
});
