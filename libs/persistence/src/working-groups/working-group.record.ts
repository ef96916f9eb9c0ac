import type { Chair, LocalizedText } from '@pact/domain';

/** A working group as stored and handed out (its key is its identity; no generated id). */
export interface WorkingGroupRecord {
  key: string;
  /** The programme it takes part in (`Programme`); the `programmes` migration stored the Pact's on groups of the single-network layout. */
  programme: string;
  /** Its title: the Pact's field of action, a city's name. */
  fieldOfAction: LocalizedText;
  goal: LocalizedText;
  chair: Chair;
  /** A city's country and size band (peer groups). */
  country?: string;
  size?: string;
  /**
   * Set when the committee retired it (a working group merged into another, a city left the
   * Charter): no new cycle includes it; the cycles it took part in keep it and its tasks.
   */
  retiredAt?: Date;
  updatedAt?: Date;
  /** Follow-ups owed (`chair-access`: the chair's account to grant, former chairs' to withdraw). */
  outbox?: string[];
  /** Addresses of the group's former chairs: none of them keeps access to it (lower case). */
  formerChairs?: string[];
  /** When the committee last named a chair (unset for the chair from config): identifies the naming the chair is welcomed for. */
  chairNamedAt?: Date;
}
