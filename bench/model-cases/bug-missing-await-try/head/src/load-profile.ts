import type { Profile, ProfileApi } from "./profiles.js";

const EMPTY: Profile = { id: "", bio: "" };

/** The profile, or an empty one when the API fails. */
export async function loadProfile(api: ProfileApi, id: string): Promise<Profile> {
  try {
    return api.fetchProfile(id);
  } catch {
    return EMPTY;
  }
}
