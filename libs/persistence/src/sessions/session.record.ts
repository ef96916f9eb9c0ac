export interface SessionRecord {
  /** SHA-256 of the cookie's value: the session's key (every page request reads it by `_id`), and a copy of the collection signs nobody in. */
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  expiresAt: Date;
}
