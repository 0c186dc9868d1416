import { CreateUserDto } from '@claimdesk/auth';
import { DEMO_CLAIMS, DEMO_FILER_EMAIL, DEMO_TAG, DEMO_USERS } from './demo-desk.data';
import { toCreateClaimDto, toCreateUserDto, toDto } from './demo-desk.loader';
import { DEMO_WORKFLOWS } from './demo-desk.workflow';

describe('the demo desk data', () => {
  it.each(DEMO_CLAIMS.map((claim) => [claim.text.slice(0, 60), claim]))(
    'is a body POST /v1/claims accepts: %s',
    (_, claim) => {
      expect(() => toCreateClaimDto(claim)).not.toThrow();
    },
  );

  it.each(DEMO_USERS.map((user) => [user.email, user]))('is a body POST /v1/users accepts: %s', (_, user) => {
    expect(() => toCreateUserDto(user)).not.toThrow();
  });

  it('rejects what the API would reject, so the check above can fail', () => {
    expect(() => toCreateClaimDto({ ...DEMO_CLAIMS[0], tags: ['Not A Tag'] })).toThrow(/CreateClaimDto/);
    expect(() => toDto(CreateUserDto, { ...DEMO_USERS[0], password: 'short' })).toThrow(/password/);
    expect(() => toDto(CreateUserDto, { ...DEMO_USERS[0], unknown: true })).toThrow(/unknown/);
  });

  it('keys every claim by a distinct text and marks it as demo', () => {
    expect(new Set(DEMO_CLAIMS.map((claim) => claim.text)).size).toBe(DEMO_CLAIMS.length);
    for (const claim of DEMO_CLAIMS) expect(claim.tags).toContain(DEMO_TAG);
  });

  it('has an admin, an editor who files the claims, and fact-checkers with different expertise', () => {
    expect(new Set(DEMO_USERS.map((user) => user.email)).size).toBe(DEMO_USERS.length);
    expect(DEMO_USERS.find((user) => user.email === DEMO_FILER_EMAIL)?.roles).toContain('editor');
    expect(DEMO_USERS.some((user) => user.roles.includes('admin'))).toBe(true);
    const checkers = DEMO_USERS.filter((user) => user.roles.includes('fact_checker'));
    expect(checkers.length).toBeGreaterThanOrEqual(2);
    expect(new Set(checkers.map((user) => user.expertise.join(','))).size).toBe(checkers.length);
  });

  it("records Lavrov's claim as asserted by him, repeated by Serbian state media and rejected by three governments", () => {
    const claim = DEMO_CLAIMS.find((candidate) => candidate.text.includes('Mercenaries'));
    expect(claim?.stances.map((stance) => [stance.type, stance.actor.name])).toEqual([
      ['asserted', 'Sergei Lavrov'],
      ['repeated', 'Serbian state-controlled media'],
      ['rejected', 'Government of Albania'],
      ['rejected', 'Government of Kosovo'],
      ['rejected', 'Government of Bosnia and Herzegovina'],
    ]);
  });

  it('keys every claim by a distinct stable key, and every workflow names a demo claim and demo users', () => {
    const keys = DEMO_CLAIMS.map((claim) => claim.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9-]{1,80}$/);
    const emails = new Set(DEMO_USERS.map((user) => user.email));
    for (const [key, steps] of Object.entries(DEMO_WORKFLOWS)) {
      expect(keys).toContain(key);
      for (const step of steps) expect(emails).toContain(step.by);
    }
  });

  it("leaves Lavrov's claim submitted, for the walk-through to triage", () => {
    const lavrov = DEMO_CLAIMS.find((claim) => claim.text.includes('Mercenaries'))!;
    expect(DEMO_WORKFLOWS[lavrov.key] ?? []).toEqual([]);
  });
});
