import { isNonPublicAddress, literalTargetProblem, resolvedTargetProblem } from './webhook-target';

describe('webhook targets', () => {
  it('tells public from non-public addresses, IPv4-mapped IPv6 included', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect([a, isNonPublicAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '193.0.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect([a, isNonPublicAddress(a)]).toEqual([a, false]);
    }
  });

  it('checks literal hosts without DNS, and resolved ones at delivery', async () => {
    expect(literalTargetProblem('http://LOCALHOST:3000/x')).toContain('this machine');
    expect(literalTargetProblem('https://[fe80::1]/x')).toContain('not a public address');
    expect(literalTargetProblem('https://hooks.example.org/x')).toBeNull();
    expect(literalTargetProblem('https://8.8.8.8/x')).toBeNull();
    expect(await resolvedTargetProblem('http://localhost:9/x')).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(await resolvedTargetProblem('http://9.9.9.9/x')).toBeNull();
  });
});
