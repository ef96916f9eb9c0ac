/**
 * A working group's inbox: the id of every task requested of the group, its `id` the group's key.
 * One task per milestone of each cycle the group takes part in, so it grows with the group's own
 * history only (a few a year), and a chair's tasks are read by key from it.
 */
export interface InboxRecord {
  id: string;
  taskIds: string[];
}
