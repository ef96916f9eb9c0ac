import 'reflect-metadata';
import { validateEnvironment } from './environment';

describe('the engine’s environment', () => {
  const base = { MONGODB_URI: 'mongodb://127.0.0.1:27017/pact' };

  it('reads the engine’s words from locales/ unless LOCALES_DIR says otherwise', () => {
    expect(validateEnvironment(base).LOCALES_DIR).toBe('locales');
    expect(validateEnvironment({ ...base, LOCALES_DIR: '/etc/pact/locales' }).LOCALES_DIR).toBe('/etc/pact/locales');
  });

  it('refuses the old MESSAGES_DIR instead of ignoring it, naming its replacement', () => {
    expect(() => validateEnvironment({ ...base, MESSAGES_DIR: 'config/messages' })).toThrow(
      /MESSAGES_DIR="config\/messages": MESSAGES_DIR is no longer read: set LOCALES_DIR/,
    );
  });
});
