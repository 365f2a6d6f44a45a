import type { OwnProfile, ProfileEditRequest } from "@venus/model";

/** `PUT /profile` replaces the editable fields together: the current ones, with `changes` over them. */
export function editRequest(me: OwnProfile, changes: Partial<ProfileEditRequest> = {}): ProfileEditRequest {
  const { name, text, age, gender, wanted_genders, wanted_age, unlimited_likes } = me;
  return {
    name: name.value,
    text: text.value,
    age,
    gender,
    wanted_genders,
    wanted_age,
    unlimited_likes,
    ...changes,
  };
}
