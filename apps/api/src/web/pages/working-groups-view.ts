import type { Chair } from '@pact/domain';
import type { UserView } from '@pact/engine';

/**
 * For each group, whether its chair can sign in: an enabled account, as chair of that group, with
 * the chair's address (addresses are stored in lower case). Pure, so it is a unit test.
 */
export function chairsWhoCanSignIn(users: UserView[], groups: { key: string; chair: Pick<Chair, 'email'> }[]): Map<string, boolean> {
  const chairs = users.filter((u) => !u.disabledAt && u.roles.includes('chair'));
  return new Map(groups.map((g) => [g.key, chairs.some((u) => u.groupKeys.includes(g.key) && u.email === g.chair.email.toLowerCase())]));
}
