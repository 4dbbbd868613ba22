export interface Profile {
  readonly id: string;
  readonly bio: string;
}

export interface ProfileApi {
  fetchProfile(id: string): Promise<Profile>;
}
