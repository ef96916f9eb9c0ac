/** A key the site made for itself, as stored under its name (_id). Only its value is handed out. */
export interface SiteKeyRecord {
  _id: string;
  value: string;
  createdAt?: Date;
}
