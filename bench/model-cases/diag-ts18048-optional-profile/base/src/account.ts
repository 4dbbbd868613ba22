export interface Profile {
  readonly email: string;
  readonly displayName: string;
}

export interface Account {
  readonly id: string;
  readonly profile?: Profile;
}
