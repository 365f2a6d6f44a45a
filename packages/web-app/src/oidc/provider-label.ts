/** A provider's name as a person reads it: `google` → Google, `apple` → Apple. */
export const providerLabel = (name: string): string =>
  name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " ");
