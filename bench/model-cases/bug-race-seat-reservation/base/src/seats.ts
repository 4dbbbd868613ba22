export interface SeatStore {
  holderOf(seatId: string): Promise<string | undefined>;
  setHolder(seatId: string, userId: string): Promise<void>;
  audit(message: string): Promise<void>;
}
