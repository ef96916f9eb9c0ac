/**
 * What a person may do, per programme deployment: the steering committee (cycles, extensions,
 * reports), chairs (their groups' tasks) and operators (queues, deliveries, health).
 */
export const ROLES = ['committee', 'chair', 'operator'] as const;
export type Role = (typeof ROLES)[number];
