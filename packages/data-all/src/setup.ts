import {
  completeSetup as completeAccountSetup,
  saveSetup as saveAccountSetup,
  setupAnswers,
  type Account,
} from "@venus/data-account";
import { hasSetupMedia } from "@venus/data-media";
import { createProfile } from "@venus/data-profile";
import { VenusError, type AccountStateResponse, type SetupRequest } from "@venus/model";
import type { Components } from "./components.js";

/** Setup answers: the name must already pass the profile's name rules, since it becomes the profile name. */
export async function saveSetup(
  components: Components,
  account: Account,
  request: SetupRequest,
): Promise<void> {
  const name = components.profile.textRules.name(request.name);
  await saveAccountSetup(components.account, account, { ...request, name });
}

/**
 * Needs the setup answers, a security selfie and a profile image. Creates the profile, then makes
 * the account `normal`. Each step commits in its own database; a
 * crash between them leaves the account in setup with a profile that the retried call replaces.
 */
export async function completeSetup(components: Components, account: Account): Promise<AccountStateResponse> {
  const answers = setupAnswers(components.account, account);
  if (!hasSetupMedia(components.media, account.id))
    throw new VenusError("setup_incomplete", "setup needs a security selfie and at least one profile image");
  const profile = await createProfile(components.profile, {
    accountId: account.id,
    name: answers.name,
    age: answers.age,
    gender: answers.gender,
    wantedGenders: answers.lookingFor,
  });
  const state = await completeAccountSetup(components.account, account);
  // The account is active only now: list the profile if its settings allow.
  components.profile.listing.sync(profile);
  return state;
}
