import { apiSettingsFrom } from './api-settings';

describe('apiSettingsFrom: TRUST_PROXY', () => {
  it('is off by default; takes hops, or addresses, ranges and Express names', () => {
    expect(apiSettingsFrom({}).trustProxy).toBe(false);
    expect(apiSettingsFrom({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(apiSettingsFrom({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['true', 'proxy.example.org', '1; rm']) {
      expect(() => apiSettingsFrom({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY=.*must be empty, a number of proxy hops/);
    }
  });
});
