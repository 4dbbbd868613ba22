export interface Session {
  readonly userId: string;
  readonly expiresAt: number;
}

export const sessions = new Map<string, Session>();
