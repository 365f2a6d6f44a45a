import type { AccountContext } from "@venus/data-account";
import type { ChatContext } from "@venus/data-chat";
import type { MediaContext } from "@venus/data-media";
import type { ProfileContext } from "@venus/data-profile";

/** The component contexts an operation over several components works with. */
export interface Components {
  account: AccountContext;
  profile: ProfileContext;
  media: MediaContext;
  chat: ChatContext;
}
