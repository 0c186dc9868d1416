import { loginDelayMs, MAX_LOGIN_DELAY_MS, SLOW_DOWN_AFTER_FAILURES } from './login-attempts';

describe('loginDelayMs (the per-e-mail slow-down)', () => {
  it('does not slow anyone down below the threshold', () => {
    for (let failures = 0; failures < SLOW_DOWN_AFTER_FAILURES; failures++) {
      expect(loginDelayMs(failures)).toBe(0);
    }
  });

  it('grows with the failures: 250 ms at the threshold, doubling every 5', () => {
    expect(loginDelayMs(SLOW_DOWN_AFTER_FAILURES)).toBe(250);
    expect(loginDelayMs(SLOW_DOWN_AFTER_FAILURES + 5)).toBe(500);
    expect(loginDelayMs(SLOW_DOWN_AFTER_FAILURES + 10)).toBe(1000);
    const delays = Array.from({ length: 60 }, (_, i) => loginDelayMs(i));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('is capped, however many failures there were', () => {
    expect(loginDelayMs(1_000_000)).toBe(MAX_LOGIN_DELAY_MS);
    expect(MAX_LOGIN_DELAY_MS).toBeLessThanOrEqual(5000);
  });
});
