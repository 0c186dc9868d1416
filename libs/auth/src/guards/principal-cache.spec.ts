import { AppConfig, Principal } from '@claimdesk/platform';
import { PrincipalCache, tokenExpiry } from './principal-cache';

const ana: Principal = { kind: 'user', id: 'u1', name: 'Ana', roles: ['editor'] };
const bo: Principal = { kind: 'user', id: 'u2', name: 'Bo', roles: ['fact_checker'] };

function cache(ms = 5000): PrincipalCache {
  return new PrincipalCache(Object.assign(new AppConfig(), { PRINCIPAL_CACHE_MS: ms }));
}

describe('PrincipalCache', () => {
  it('keeps a principal for its lifetime, never past the token expiry', () => {
    const principals = cache(5000);
    principals.set('Bearer a', ana, 1_000_000 + 60_000, 1_000_000);
    principals.set('Bearer b', bo, 1_000_000 + 2000, 1_000_000);
    expect(principals.get('Bearer a', 1_004_999)).toBe(ana);
    expect(principals.get('Bearer a', 1_005_000)).toBeUndefined();
    expect(principals.get('Bearer b', 1_001_999)).toBe(bo);
    expect(principals.get('Bearer b', 1_002_000)).toBeUndefined();
  });

  it('forgets every token of a user whose account changed, and only theirs', () => {
    const principals = cache();
    principals.set('Bearer a1', ana, Date.now() + 60_000);
    principals.set('Bearer a2', ana, Date.now() + 60_000);
    principals.set('Bearer b', bo, Date.now() + 60_000);
    principals.forgetUser('u1');
    expect([principals.get('Bearer a1'), principals.get('Bearer a2'), principals.get('Bearer b')]).toEqual([
      undefined,
      undefined,
      bo,
    ]);
  });

  it('caches nothing when turned off, and no API keys', () => {
    const off = cache(0);
    off.set('Bearer a', ana, Date.now() + 60_000);
    expect(off.get('Bearer a')).toBeUndefined();
    const on = cache();
    on.set(
      'Bearer ck_x',
      { kind: 'api_key', id: 'k', name: 'Desk', roles: ['fact_checker'] },
      Date.now() + 1000,
    );
    expect(on.get('Bearer ck_x')).toBeUndefined();
  });

  it('reads the expiry of a token, 0 when it has none', () => {
    const token = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
    expect(tokenExpiry(token({ exp: 1700000000 }))).toBe(1700000000_000);
    expect(tokenExpiry(token({}))).toBe(0);
    expect(tokenExpiry('garbage')).toBe(0);
  });
});
