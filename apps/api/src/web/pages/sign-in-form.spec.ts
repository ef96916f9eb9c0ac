import { signInEmail } from './sign-in-form';

describe('signInEmail', () => {
  it('the address trimmed, when shaped like one', () => {
    expect(signInEmail('  maria.rossi@example.org ')).toEqual({ email: 'maria.rossi@example.org', problem: null });
  });

  it('nothing typed (or not a text) is missing', () => {
    for (const value of [undefined, '', '   ', ['a@b.org']]) expect(signInEmail(value).problem).toBe('emailMissing');
  });

  it('no @, spaces, no dot in the domain, a local part over 64 or an address over 254 characters are not addresses', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(186)}.org`;
    expect(long.length).toBe(255);
    for (const value of ['maria', 'maria rossi@example.org', 'maria@example', `${'a'.repeat(65)}@example.org`, long])
      expect(signInEmail(value)).toEqual({ email: value, problem: 'emailInvalid' });
    expect(signInEmail(long.slice(1)).problem).toBeNull();
  });
});
