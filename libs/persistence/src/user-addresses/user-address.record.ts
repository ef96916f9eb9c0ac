/** Which account an e-mail address belongs to: a key document, so recipients are found by `_id` (the address, lower case). */
export interface UserAddressRecord {
  id: string;
  userId: string;
}
