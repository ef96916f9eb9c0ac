export interface SignInLinkRecord {
  id: string;
  tokenHash: string;
  userId: string;
  next: string;
  createdAt: Date;
  expiresAt: Date;
}
