import { Type } from "@sinclair/typebox";
import { invalidField } from "@venus/model";
import type { HttpRequestContext } from "@venus/simple-backend";

const NON_NEGATIVE_INTEGER = /^\d{1,15}$/;

/** An optional non-negative integer query parameter; anything else is `validation_failed` with `problem`. */
export function integerQuery(http: HttpRequestContext, name: string, problem: string): number | undefined {
  const value = http.query.get(name);
  if (value === null) return undefined;
  if (!NON_NEGATIVE_INTEGER.test(value)) throw invalidField(name, `${problem}`);
  return Number(value);
}

/** The `?after=` cursor of a paged list: the `next` of the previous page. */
export function pageCursor(http: HttpRequestContext): string | undefined {
  const after = integerQuery(http, "after", "must be the `next` of a previous page");
  return after === undefined ? undefined : String(after);
}

/** The OpenAPI description of `?after=`. */
export const PAGE_CURSOR_QUERY = {
  after: { description: "The `next` of the previous page.", schema: Type.String() },
};
