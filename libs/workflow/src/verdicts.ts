/** The verdicts a review can reach, from most to least accurate, then `unproven`. */
export const VERDICTS = [
  'true',
  'mostly_true',
  'mixed',
  'misleading',
  'mostly_false',
  'false',
  'unproven',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The ends of the rating scale, as schema.org's `reviewRating` wants them stated. */
export const BEST_RATING = 7;
export const WORST_RATING = 1;

/**
 * API.md promises ratings 7…1 for six rated verdicts, so one point of the scale stays unused. We
 * keep `mixed` on the midpoint (4) so the scale is symmetric around it: `true`/`false` at the ends,
 * `mostly_true`/`mostly_false` one step in. `misleading` takes 3 (leaning false: the facts may be
 * right but the claim leaves a false impression), and 5 is the unused point. `unproven` is not a
 * judgement of accuracy, so it has no rating rather than a made-up middle value.
 */
const RATINGS: Readonly<Record<Verdict, number | null>> = {
  true: 7,
  mostly_true: 6,
  mixed: 4,
  misleading: 3,
  mostly_false: 2,
  false: 1,
  unproven: null,
};

/** The numeric rating of a verdict (7 best … 1 worst), or null for `unproven`. */
export function verdictRating(verdict: Verdict): number | null {
  return RATINGS[verdict];
}

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && (VERDICTS as readonly string[]).includes(value);
}
