export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  hash: string;
  hint: string;
  createdAt: Date;
  createdBy?: string;
  expiresAt: Date;
  revokedAt?: Date;
  lastUsedAt?: Date;
}
