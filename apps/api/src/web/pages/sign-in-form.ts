/** Close to what browsers accept for type=email; the address is checked for real by the mail it receives. */
const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/;

/**
 * The address typed into the sign-in form, trimmed, and what is wrong with it (the message's key
 * under `signIn.`): nothing typed, or not shaped like an address. Pure, so each branch is a unit test.
 */
export function signInEmail(value: unknown): { email: string; problem: 'emailMissing' | 'emailInvalid' | null } {
  const email = typeof value === 'string' ? value.trim() : '';
  if (!email) return { email, problem: 'emailMissing' };
  if (email.length > 254 || !EMAIL.test(email)) return { email, problem: 'emailInvalid' };
  return { email, problem: null };
}
