export interface Member {
  readonly email: string;
  readonly active: boolean;
}

export function activeEmails(members: readonly Member[]): string[] {
  return members.filter((member) => member.active).map((member) => member.email.toLowerCase());
}
