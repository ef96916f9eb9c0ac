/** A fixed-window request counter as stored: its key (which names the window) is its _id. Never handed out. */
export interface RateCounterRecord {
  _id: string;
  count: number;
  expiresAt?: Date;
}
