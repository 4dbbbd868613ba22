export interface Member {
  readonly email: string;
  readonly active: boolean;
}

export function activeEmails(members: readonly Member[]): string[] {
  const result: string[] = [];
  for (const member of members) {
    if (member.active) result.push(member.email.toLowerCase());
  }
  return result;
}
