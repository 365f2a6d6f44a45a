import type { Account } from "@venus/data-account";
import { addFavorite } from "@venus/data-profile";
import { VenusError } from "@venus/model";
import type { Components } from "./components.js";
import { canView } from "./view-profile.js";

/** Adds a profile the owner can see to the owner's favorites; durable. */
export async function favorite(components: Components, owner: Account, targetId: string): Promise<void> {
  const target = components.profile.cache.profiles.get(targetId);
  if (!target || targetId === owner.id || !canView(components, owner, target)) {
    throw new VenusError("not_found", "no such profile");
  }
  await addFavorite(components.profile, owner.id, targetId);
}
