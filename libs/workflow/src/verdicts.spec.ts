import { BEST_RATING, isVerdict, verdictRating, VERDICTS, WORST_RATING } from './verdicts';

describe('verdict ratings', () => {
  it('rates the six judgements 7…1 and leaves unproven unrated', () => {
    expect(Object.fromEntries(VERDICTS.map((verdict) => [verdict, verdictRating(verdict)]))).toEqual({
      true: 7,
      mostly_true: 6,
      mixed: 4,
      misleading: 3,
      mostly_false: 2,
      false: 1,
      unproven: null,
    });
  });

  it('keeps every rating within the stated scale and strictly decreasing in verdict order', () => {
    const rated = VERDICTS.map(verdictRating).filter((rating): rating is number => rating !== null);
    expect(rated[0]).toBe(BEST_RATING);
    expect(rated[rated.length - 1]).toBe(WORST_RATING);
    rated.slice(1).forEach((rating, index) => expect(rating).toBeLessThan(rated[index]));
  });

  it('recognises verdicts', () => {
    expect(isVerdict('mostly_true')).toBe(true);
    expect(isVerdict('Mostly_True')).toBe(false);
    expect(isVerdict(7)).toBe(false);
    expect(isVerdict('toString')).toBe(false);
  });
});
