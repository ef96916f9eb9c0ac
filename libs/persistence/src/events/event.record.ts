export interface EventRecord {
  id: string;
  cycleId?: string;
  taskId?: string;
  groupKey?: string;
  type: string;
  at: Date;
  actor: string;
  data: Record<string, unknown>;
  dedupeKey: string;
}
