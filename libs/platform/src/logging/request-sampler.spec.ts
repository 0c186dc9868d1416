import { RequestSampler } from './request-sampler';

describe('RequestSampler', () => {
  it('lets through at most the budget in each second, then the next second starts afresh', () => {
    let now = 10_000;
    const sampler = new RequestSampler(2, () => now);
    expect([sampler.take(), sampler.take(), sampler.take()]).toEqual([true, true, false]);
    now += 999;
    expect(sampler.take()).toBe(false);
    now += 1;
    expect([sampler.take(), sampler.take(), sampler.take()]).toEqual([true, true, false]);
  });

  it('logs everything with a budget of 0', () => {
    const sampler = new RequestSampler(0);
    expect(Array.from({ length: 1000 }, () => sampler.take()).every(Boolean)).toBe(true);
  });
});
