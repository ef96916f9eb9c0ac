/** A change of the stored layout, done once for the whole database (its name is the `_id`). */
export interface MigrationRecord {
  id: string;
  doneAt: Date;
}
