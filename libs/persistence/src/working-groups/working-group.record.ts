import type { Chair, LocalizedText } from '@pact/domain';

/** A working group as stored and handed out (its key is its identity; no generated id). */
export interface WorkingGroupRecord {
  key: string;
  fieldOfAction: LocalizedText;
  goal: LocalizedText;
  chair: Chair;
  updatedAt?: Date;
  /** Follow-ups owed (`chair-access`: the chair's account to grant, former chairs' to withdraw). */
  outbox?: string[];
  /** Addresses of the group's former chairs: none of them keeps access to it (lower case). */
  formerChairs?: string[];
  /** When the committee last named a chair (unset for the chair from config): identifies the naming the chair is welcomed for. */
  chairNamedAt?: Date;
}
