export interface LedgerAccount {
  readonly id: number;
  readonly owner: string;
  readonly balanceCents: number;
}

let lastId = 0;

export function nextId(): number {
  lastId += 1;
  return lastId;
}
