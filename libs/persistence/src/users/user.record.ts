import type { Role } from '@pact/domain';

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  /** The programmes whose committee the person sits on: their `committee` role holds there only (empty without the role). */
  committeeOf: string[];
  groupKeys: string[];
  createdAt: Date;
  createdBy?: string;
  /** Set while the person may not sign in nor use their tokens (the committee disabled them). */
  disabledAt?: Date;
  /** Every change of the account sets it: an edit is guarded by the version it read. */
  updatedAt?: Date;
  calendarTokenHash?: string;
  calendarTokenCreatedAt?: Date;
  /** Preferred language of pages and personal messages; unset: from the browser. */
  language?: string;
  /** IANA time zone dates are shown in; unset: the engine's default. */
  timeZone?: string;
}
