import type { Role } from '../identity/role';
import type { LocalizedText } from '../texts/localized-text';

/**
 * A programme: one monitoring network a deployment serves (the European Pact for Integration,
 * the Integrating Cities Charter), with its own participants, committee, cycles and reports.
 * Its key is the name of its file under config/programmes and is stored on every record that
 * belongs to it (cycles, tasks, participants), so that every read can be scoped by it.
 *
 * A participant is what a cycle sends tasks to: a Pact working group or a Charter city. Every
 * layer stores and names it a *group* (`groupKey`, the `working_groups` collection, its title in
 * `fieldOfAction`): that name predates the second programme. The person acting for it is its
 * `chair` in storage, its coordinator on the Charter's pages.
 */
export interface Programme {
  key: string;
  name: LocalizedText;
  /** What a participant is called on pages and in messages (`working-group`, `city`): a key of the pages' words. */
  participantKind: ParticipantKind;
}

export const PARTICIPANT_KINDS = ['working-group', 'city'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/**
 * The programme of data written before a deployment served several: the engine then served
 * the Pact alone. The `programmes` migration stores it on such records, and on the committee
 * members of that time.
 */
export const SINGLE_NETWORK_PROGRAMME = 'pact';

/** Who asks, as far as programmes go: roles, the committees they sit on, the groups they act for. */
export interface ProgrammeMember {
  roles: readonly Role[];
  /** The programmes whose steering committee the person sits on (their `committee` role holds there only). */
  committeeOf: readonly string[];
  groupKeys: readonly string[];
}

/** Whether `p` acts as the committee of `programme`: a member of its committee, nowhere else. */
export function isCommitteeOf(p: Pick<ProgrammeMember, 'roles' | 'committeeOf'>, programme: string): boolean {
  return p.roles.includes('committee') && p.committeeOf.includes(programme);
}

/**
 * Whether `p` sees every participant of `programme` (every task, the whole progress matrix, the
 * whole compiled report): operators everywhere, a committee member in their programmes. Anyone
 * else sees the groups they act for only, and another programme's data not at all: it answers
 * as if it did not exist.
 */
export function seesAllGroups(p: Pick<ProgrammeMember, 'roles' | 'committeeOf'>, programme: string): boolean {
  return p.roles.includes('operator') || isCommitteeOf(p, programme);
}

/**
 * Whether `p` sees anything of `programme` (its cycles, its participants): operators everywhere,
 * anyone else in the programmes they take part in (`programmes`: their committees' and their
 * groups'). Another programme's data answers as if it did not exist.
 */
export function seesProgramme(p: { roles: readonly Role[]; programmes: readonly string[] }, programme: string): boolean {
  return p.roles.includes('operator') || p.programmes.includes(programme);
}

/** The programmes `p` has any part in, of `all` (operators: all of them). */
export function programmesOf(p: ProgrammeMember, all: readonly { key: string }[], groupProgramme: (groupKey: string) => string | undefined): string[] {
  if (p.roles.includes('operator')) return all.map((x) => x.key);
  const mine = new Set<string>(p.roles.includes('committee') ? p.committeeOf : []);
  if (p.roles.includes('chair'))
    for (const g of p.groupKeys) {
      const programme = groupProgramme(g);
      if (programme) mine.add(programme);
    }
  return all.map((x) => x.key).filter((k) => mine.has(k));
}
