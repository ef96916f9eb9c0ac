import { credentialsProblem, ipv6Bytes, isNonPublicAddress, literalTargetProblem, resolvedTargetProblem } from './webhook-target';

describe('webhook targets', () => {
  const notGlobal: [string, string][] = [
    // IPv4: IANA special-purpose ranges, multicast, reserved, broadcast
    ['this network', '0.0.0.0'],
    ['this network', '0.1.2.3'],
    ['private', '10.1.2.3'],
    ['shared address space', '100.64.0.1'],
    ['shared address space', '100.127.255.254'],
    ['loopback', '127.0.0.1'],
    ['loopback', '127.255.255.254'],
    ['link-local (metadata)', '169.254.169.254'],
    ['private', '172.16.0.1'],
    ['private', '172.31.255.255'],
    ['IETF protocol assignments', '192.0.0.1'],
    ['IPv4 dummy address', '192.0.0.8'],
    ['NAT64 discovery', '192.0.0.170'],
    ['IETF protocol assignments', '192.0.0.192'],
    ['documentation', '192.0.2.1'],
    ['6to4 relay anycast', '192.88.99.1'],
    ['private', '192.168.0.1'],
    ['benchmarking', '198.18.0.1'],
    ['benchmarking', '198.19.255.255'],
    ['documentation', '198.51.100.7'],
    ['documentation', '203.0.113.9'],
    ['multicast', '224.0.0.1'],
    ['multicast', '239.255.255.250'],
    ['reserved', '240.0.0.1'],
    ['broadcast', '255.255.255.255'],
    // IPv6
    ['unspecified', '::'],
    ['loopback', '::1'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
    ['IPv4-compatible loopback, hex', '::7f00:1'],
    ['IPv4-compatible, even of a public address (deprecated)', '::8.8.8.8'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['IPv4-mapped metadata, hex', '::ffff:a9fe:a9fe'],
    ['IPv4-mapped 192.0.0.192', '::ffff:192.0.0.192'],
    ['NAT64 of the metadata address', '64:ff9b::a9fe:a9fe'],
    ['NAT64 of loopback', '64:ff9b::127.0.0.1'],
    ['NAT64 of a private address', '64:ff9b::10.1.2.3'],
    ['NAT64 of 192.0.0.192', '64:ff9b::c000:c0'],
    ['local-use NAT64', '64:ff9b:1::a9fe:a9fe'],
    ['local-use NAT64, even of a public address', '64:ff9b:1::808:808'],
    ['6to4 of loopback', '2002:7f00:1::1'],
    ['6to4 of the metadata address', '2002:a9fe:a9fe::'],
    ['discard-only', '100::1'],
    ['IETF protocol assignments', '2001:1::1'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['benchmarking', '2001:2::1'],
    ['ORCHIDv2', '2001:20::1'],
    ['documentation', '2001:db8::1'],
    ['documentation', '3fff::1'],
    ['segment routing', '5f00::1'],
    ['unique local', 'fc00::1'],
    ['unique local', 'fd12:3456::1'],
    ['link-local', 'fe80::1'],
    ['site-local (deprecated)', 'fec0::1'],
    ['multicast', 'ff02::1'],
    ['reserved', '4000::1'],
    ['not an address', 'example.org'],
  ];
  it.each(notGlobal)('refuses %s: %s', (_what, address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  const global: [string, string][] = [
    ['public IPv4', '8.8.8.8'],
    ['just outside 172.16.0.0/12', '172.32.0.1'],
    ['just outside 100.64.0.0/10', '100.128.0.1'],
    ['just outside 192.0.0.0/24', '192.0.1.1'],
    ['just outside 198.18.0.0/15', '198.20.0.1'],
    ['public IPv4', '193.0.0.1'],
    ['public IPv6', '2001:4860:4860::8888'],
    ['public IPv6', '2a00:1450:4001:80b::200e'],
    ['just outside 2001::/23', '2001:200::1'],
    ['IPv4-mapped public', '::ffff:8.8.8.8'],
    ['NAT64 of a public address', '64:ff9b::8.8.8.8'],
    ['6to4 of a public address', '2002:808:808::1'],
  ];
  it.each(global)('accepts %s: %s', (_what, address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });

  it('expands IPv6 addresses, embedded IPv4 included', () => {
    expect(ipv6Bytes('::1')).toEqual([...Array(15).fill(0), 1]);
    expect(ipv6Bytes('::ffff:1.2.3.4')).toEqual([...Array(10).fill(0), 0xff, 0xff, 1, 2, 3, 4]);
    expect(ipv6Bytes('64:ff9b::a9fe:a9fe')).toEqual([0, 0x64, 0xff, 0x9b, ...Array(8).fill(0), 169, 254, 169, 254]);
    expect(ipv6Bytes('2001:db8:0:0:1:0:0:1')).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Bytes('fe80::')).toEqual([0xfe, 0x80, ...Array(14).fill(0)]);
  });

  it('checks literal hosts in every spelling a URL allows, without DNS', () => {
    for (const url of [
      'http://LOCALHOST:3000/x',
      'http://localhost./x',
      'http://api.localhost/x',
      'https://[fe80::1]/x',
      'http://[::127.0.0.1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[64:ff9b::a9fe:a9fe]/latest/meta-data',
      'http://[64:ff9b::169.254.169.254]/',
      'http://192.0.0.192/x',
      'http://2130706433/x', // 127.0.0.1 as one number
      'http://0x7f.1/x',
      'http://0177.0.0.1/x',
      'http://0/x',
      'http://169.254.169.254./latest',
      'http://[::]/x',
    ]) {
      expect([url, literalTargetProblem(url)]).toEqual([url, expect.stringMatching(/this machine|not a public address/)]);
    }
    expect(literalTargetProblem('https://hooks.example.org/x')).toBeNull();
    expect(literalTargetProblem('https://8.8.8.8/x')).toBeNull();
    expect(literalTargetProblem('https://[2001:4860:4860::8888]/x')).toBeNull();
  });

  it('refuses a user name or password in the URL', () => {
    expect(credentialsProblem('https://user:secret@hooks.example.org/x')).toMatch(/must not contain a user name or password/);
    expect(credentialsProblem('https://user@hooks.example.org/x')).toMatch(/must not contain a user name or password/);
    expect(credentialsProblem('https://:secret@hooks.example.org/x')).toMatch(/must not contain a user name or password/);
    expect(credentialsProblem('https://hooks.example.org/x?user=a')).toBeNull();
  });

  it('checks resolved hosts at delivery', async () => {
    expect(await resolvedTargetProblem('http://localhost:9/x')).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(await resolvedTargetProblem('http://9.9.9.9/x')).toBeNull();
    expect(await resolvedTargetProblem('http://[::ffff:7f00:1]/x')).toMatch(/not a public address/);
  });
});
