import type { SeatStore } from "./seats.js";

/** Gives the seat to the user if nobody holds it; true when the user got it. */
export async function reserveSeat(store: SeatStore, seatId: string, userId: string): Promise<boolean> {
  const holder = await store.holderOf(seatId);
  if (holder !== undefined) return false;
  await store.audit(`${userId} reserves ${seatId}`);
  await store.setHolder(seatId, userId);
  return true;
}
