/**
 * A runtime list of every member of a string union from `model`, checked by the compiler both ways:
 * browser code imports `model` for types only (its runtime pulls in server code), so a list it needs
 * at run time is written here and fails the build when `model` adds or drops a member.
 * `allOf<RejectionCategory>()(["nudity", …])`.
 */
export const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : "is missing members")): L =>
    list;
