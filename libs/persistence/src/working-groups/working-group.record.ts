import type { Chair } from '@pact/domain';

/** A working group as stored and handed out (its key is its identity; no generated id). */
export interface WorkingGroupRecord {
  key: string;
  fieldOfAction: string;
  goal: string;
  chair: Chair;
  updatedAt?: Date;
}
