import type { AccountContext } from "@venus/data-account";
import type { ProfileContext } from "@venus/data-profile";

/** The component contexts an operation over several components works with. */
export interface Components {
  account: AccountContext;
  profile: ProfileContext;
}
