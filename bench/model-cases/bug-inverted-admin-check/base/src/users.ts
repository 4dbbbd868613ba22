export interface User {
  readonly id: string;
  readonly role: "admin" | "member" | "guest";
}
