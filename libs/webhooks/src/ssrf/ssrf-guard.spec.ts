import { blockedAddressClass, checkWebhookUrl, ResolveHost, UnsafeUrlError } from './ssrf-guard';

/** A resolver answering from a table, so no test depends on real DNS. */
function dns(answers: Record<string, string[]>): ResolveHost & jest.Mock {
  return jest.fn(async (hostname: string) => {
    const addresses = answers[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({
      address,
      family: address.includes(':') ? (6 as const) : (4 as const),
    }));
  });
}

const strict = (resolve: ResolveHost = dns({})) => ({ allowPrivateNetworks: false, resolve });

async function refusal(url: string, resolve?: ResolveHost): Promise<string> {
  try {
    await checkWebhookUrl(url, strict(resolve));
  } catch (error) {
    if (error instanceof UnsafeUrlError) return error.message;
    throw error;
  }
  throw new Error(`${url} was allowed`);
}

describe('webhook SSRF guard', () => {
  describe('refuses internal addresses written as literals, in every notation', () => {
    it.each([
      ['http://127.0.0.1/', 'loopback'],
      ['http://2130706433/', 'loopback'],
      ['http://0x7f.1/', 'loopback'],
      ['http://0177.0.0.1/', 'loopback'],
      ['http://127.1/', 'loopback'],
      ['http://[::1]/', 'loopback'],
      ['http://[::ffff:127.0.0.1]/', 'loopback'],
      ['http://[::ffff:7f00:1]/', 'loopback'],
      ['http://169.254.169.254/latest/meta-data', 'link-local'],
      ['http://[fe80::1]/', 'link-local'],
      ['http://10.0.0.8/', 'private-network'],
      ['http://172.16.4.1/', 'private-network'],
      ['http://192.168.1.1:8080/', 'private-network'],
      ['http://[::ffff:10.1.2.3]/', 'private-network'],
      ['http://100.64.0.1/', 'carrier-grade NAT'],
      ['http://[fd00::1]/', 'unique-local'],
      ['http://[fc00::1]/', 'unique-local'],
      ['http://0.0.0.0/', 'unspecified'],
      ['http://0/', 'unspecified'],
      ['http://[::]/', 'unspecified'],
      ['http://224.0.0.1/', 'multicast'],
      ['http://[ff02::1]/', 'multicast'],
      ['http://255.255.255.255/', 'broadcast'],
      ['http://240.0.0.1/', 'reserved'],
      ['http://[::127.0.0.1]/', 'ipv4Compatible'],
      ['http://[64:ff9b::7f00:1]/', 'rfc6052'],
    ])('%s (%s)', async (url, what) => {
      const resolve = dns({});
      expect(await refusal(url, resolve)).toContain(what);
      // Literals are checked as they are: no DNS query that could answer something else.
      expect(resolve).not.toHaveBeenCalled();
    });
  });

  it('refuses a host name when any of its addresses is internal, in either family', async () => {
    const resolve = dns({
      'mixed.example.test': ['93.184.216.34', '10.0.0.1'],
      'v6.example.test': ['2606:2800:220:1::1', '::1'],
      'mapped.example.test': ['::ffff:169.254.169.254'],
    });
    expect(await refusal('https://mixed.example.test/hook', resolve)).toBe(
      'url must reach a public address, but it points to a private-network address (mixed.example.test resolves to 10.0.0.1)',
    );
    expect(await refusal('https://v6.example.test/hook', resolve)).toContain('loopback');
    expect(await refusal('https://mapped.example.test/hook', resolve)).toContain('link-local');
  });

  it('allows public addresses and returns exactly the addresses it checked', async () => {
    const resolve = dns({ 'hooks.example.test': ['93.184.216.34', '2606:2800:220:1::1'] });
    const target = await checkWebhookUrl('https://hooks.example.test/in?x=1', strict(resolve));
    expect(target.url.toString()).toBe('https://hooks.example.test/in?x=1');
    expect(target.addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    expect(resolve).toHaveBeenCalledTimes(1);
    await expect(checkWebhookUrl('http://8.8.8.8/', strict())).resolves.toMatchObject({
      addresses: [{ address: '8.8.8.8', family: 4 }],
    });
  });

  it.each([
    ['ftp://example.test/', 'url must use http or https, not ftp'],
    ['file:///etc/passwd', 'url must use http or https, not file'],
    ['gopher://127.0.0.1:6379/_INFO', 'url must use http or https, not gopher'],
    ['not a url', 'url must be an absolute http or https URL'],
    ['https://user:pw@example.test/', 'url must not contain a user name or password'],
  ])('refuses %s', async (url, message) => {
    expect(await refusal(url)).toBe(message);
  });

  it('refuses a host that does not resolve', async () => {
    expect(await refusal('https://nowhere.example.test/')).toBe(
      'url host nowhere.example.test could not be resolved',
    );
  });

  it('lets private addresses through when private networks are allowed, still pinning them', async () => {
    const resolve = dns({ 'localhost.test': ['127.0.0.1'] });
    const target = await checkWebhookUrl('http://localhost.test:8080/', {
      allowPrivateNetworks: true,
      resolve,
    });
    expect(target.addresses).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('classifies addresses (the test above can fail: public ones are not blocked)', () => {
    expect(blockedAddressClass('93.184.216.34')).toBeNull();
    expect(blockedAddressClass('2606:2800:220:1::1')).toBeNull();
    expect(blockedAddressClass('127.0.0.1')).toBe('loopback');
    expect(blockedAddressClass('not-an-address')).toBe('malformed');
  });
});
