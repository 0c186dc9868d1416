import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKWORTHINESS_THRESHOLD, extractCandidates, keywordsOf, similarity } from '../extract-candidates';
import type { ActorKind, ExtractedCandidate, StanceType } from '../extraction/types';

/**
 * Scores the extractor against hand-annotated articles (test/fixtures/articles): the gold says,
 * for each article, which sentences mention each claim and who took which stance on it.
 */

export interface GoldActor {
  name: string;
  aliases?: string[];
  kind: ActorKind;
  title: string | null;
  country: string | null;
  stance: StanceType;
}

export interface GoldClaim {
  text: string;
  /** Indexes into `sentences`. */
  mentions: number[];
  actors: GoldActor[];
}

export interface GoldArticle {
  id: string;
  topic: string;
  /**
   * Omitted: development (rules written while reading it). "held-out": round 1, written after the
   * rules and read since. "blind": round 1 written by someone else, read since round 2.
   * "blind-2": written by someone else, never read by whoever tunes the rules.
   */
  split?: string;
  title: string;
  /** Joined with single spaces, they are the article's text. */
  sentences: string[];
  claims: GoldClaim[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * What a desk would do with each proposed candidate: accept it as it is (it matches a gold claim
 * and its actors with their stances are exactly the gold's: none missing, none extra, no stance
 * wrong), accept it after editing its actors, or drop it (it matches no gold claim).
 */
export interface Acceptance {
  /** Candidates proposed (at the report's threshold): unedited + actorEdits + notClaim. */
  proposed: number;
  unedited: number;
  actorEdits: number;
  notClaim: number;
  /** Gold claims; `unedited` of them were proposed and accepted unedited (matching is one to one). */
  goldClaims: number;
}

export interface Report {
  articles: number;
  threshold: number;
  rows: Record<'claims' | 'attribution' | 'stance' | 'kind' | 'title' | 'country', Counts>;
  /** Mean word overlap (Jaccard) of the proposed claim text with the gold wording, over matched claims. */
  textOverlap: number;
  acceptance: Acceptance;
  failures: string[];
}

/** The splits, in report order, with the heading each table is printed under. */
export const SPLITS = [
  { split: undefined, name: 'development' },
  { split: 'held-out', name: 'held-out round 1 (seen since)' },
  { split: 'blind', name: 'blind round 1 (seen since)' },
  { split: 'blind-2', name: 'blind round 2 (seen since)' },
  { split: 'blind-3', name: 'blind round 3' },
] as const;

/**
 * The articles of each split present, under its heading (a split with no article is left out); a
 * split not listed in SPLITS is reported under its own value, after the known ones.
 */
export function bySplit(articles: GoldArticle[]): { name: string; articles: GoldArticle[] }[] {
  const known = new Set<string | undefined>(SPLITS.map(({ split }) => split));
  const unknown = [...new Set(articles.map((article) => article.split))].filter((split) => !known.has(split));
  return [...SPLITS, ...unknown.map((split) => ({ split, name: String(split) }))]
    .map(({ split, name }) => ({
      name,
      articles: articles.filter((article) => article.split === split),
    }))
    .filter((group) => group.articles.length > 0);
}

export function loadArticles(directory: string): GoldArticle[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(directory, file), 'utf8')) as GoldArticle);
}

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’']/g, "'")
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function f1(counts: Counts): { precision: number; recall: number; f1: number } {
  const precision = counts.tp + counts.fp ? counts.tp / (counts.tp + counts.fp) : 1;
  const recall = counts.tp + counts.fn ? counts.tp / (counts.tp + counts.fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function sentenceIndexes(article: GoldArticle): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let offset = 0;
  for (const sentence of article.sentences) {
    spans.push({ start: offset, end: offset + sentence.length });
    offset += sentence.length + 1;
  }
  return spans;
}

export function evaluate(
  articles: GoldArticle[],
  extract: (text: string) => ExtractedCandidate[] = extractCandidates,
): Report {
  const rows = {
    claims: zero(),
    attribution: zero(),
    stance: zero(),
    kind: zero(),
    title: zero(),
    country: zero(),
  };
  const acceptance: Acceptance = { proposed: 0, unedited: 0, actorEdits: 0, notClaim: 0, goldClaims: 0 };
  const failures: string[] = [];
  let overlap = 0;
  let matchedClaims = 0;
  for (const article of articles) {
    const spans = sentenceIndexes(article);
    const candidates = extract(article.sentences.join(' '));
    const mentionsOf = (candidate: ExtractedCandidate) =>
      new Set(
        candidate.mentions.map((mention) =>
          spans.findIndex((span) => mention.start >= span.start && mention.start < span.end),
        ),
      );
    // Pair gold claims with candidates: they must share a sentence; wording decides between rivals.
    const pairs: { gold: number; candidate: number; score: number }[] = [];
    article.claims.forEach((gold, g) => {
      candidates.forEach((candidate, c) => {
        const mentions = mentionsOf(candidate);
        const shared = gold.mentions.filter((index) => mentions.has(index)).length;
        if (shared === 0) return;
        const wording = similarity(keywordsOf(gold.text), keywordsOf(candidate.text));
        pairs.push({
          gold: g,
          candidate: c,
          score: wording * 2 + shared / new Set([...gold.mentions, ...mentions]).size,
        });
      });
    });
    pairs.sort((a, b) => b.score - a.score);
    const goldTaken = new Map<number, number>();
    const candidateTaken = new Set<number>();
    for (const pair of pairs) {
      if (goldTaken.has(pair.gold) || candidateTaken.has(pair.candidate)) continue;
      goldTaken.set(pair.gold, pair.candidate);
      candidateTaken.add(pair.candidate);
    }
    rows.claims.tp += goldTaken.size;
    rows.claims.fn += article.claims.length - goldTaken.size;
    rows.claims.fp += candidates.length - candidateTaken.size;
    acceptance.proposed += candidates.length;
    acceptance.notClaim += candidates.length - candidateTaken.size;
    acceptance.goldClaims += article.claims.length;
    candidates.forEach((candidate, c) => {
      if (candidateTaken.has(c)) return;
      failures.push(
        `${article.id}: proposed a non-claim (${candidate.checkworthiness}): "${candidate.text}"`,
      );
      for (const actor of candidate.proposedActors) {
        rows.attribution.fp++;
        rows.stance.fp++;
        rows.kind.fp++;
        if (actor.title) rows.title.fp++;
        if (actor.country) rows.country.fp++;
      }
    });
    article.claims.forEach((gold, g) => {
      const index = goldTaken.get(g);
      if (index === undefined) {
        failures.push(`${article.id}: missed the claim "${gold.text}"`);
        for (const actor of gold.actors) {
          rows.attribution.fn++;
          rows.stance.fn++;
          rows.kind.fn++;
          if (actor.title) rows.title.fn++;
          if (actor.country) rows.country.fn++;
        }
        return;
      }
      const candidate = candidates[index];
      overlap += similarity(keywordsOf(gold.text), keywordsOf(candidate.text));
      matchedClaims++;
      // Cleared by any actor the attribution and stance rows count as missed, extra or wrong.
      let unedited = true;
      const unmatched = new Set(candidate.proposedActors.map((_, i) => i));
      for (const actor of gold.actors) {
        const names = [actor.name, ...(actor.aliases ?? [])].map(fold);
        const found = candidate.proposedActors.findIndex(
          (proposed, i) => unmatched.has(i) && names.includes(fold(proposed.name)),
        );
        if (found < 0) {
          unedited = false;
          failures.push(`${article.id}: missed actor ${actor.name} (${actor.stance}) of "${gold.text}"`);
          rows.attribution.fn++;
          rows.stance.fn++;
          rows.kind.fn++;
          if (actor.title) rows.title.fn++;
          if (actor.country) rows.country.fn++;
          continue;
        }
        unmatched.delete(found);
        const proposed = candidate.proposedActors[found];
        rows.attribution.tp++;
        /** Counts one field of a matched actor; true when it agrees with the gold. */
        const score = (row: Counts, gold: string | null, guess: string | null, what: string) => {
          if (gold !== null && guess !== null && fold(gold) === fold(guess)) {
            row.tp++;
            return true;
          }
          if (guess !== null) row.fp++;
          if (gold !== null) row.fn++;
          if (gold !== guess)
            failures.push(`${article.id}: ${actor.name} ${what} ${String(guess)}, gold ${String(gold)}`);
          return false;
        };
        if (!score(rows.stance, actor.stance, proposed.stance, 'stance')) unedited = false;
        score(rows.kind, actor.kind, proposed.kind, 'kind');
        score(rows.title, actor.title, proposed.title, 'title');
        score(rows.country, actor.country, proposed.country, 'country');
      }
      if (unmatched.size > 0) unedited = false;
      if (unedited) acceptance.unedited++;
      else acceptance.actorEdits++;
      for (const i of unmatched) {
        const proposed = candidate.proposedActors[i];
        failures.push(
          `${article.id}: extra actor ${proposed.name} (${proposed.kind}, ${proposed.stance}) on "${gold.text}"`,
        );
        rows.attribution.fp++;
        rows.stance.fp++;
        rows.kind.fp++;
        if (proposed.title) rows.title.fp++;
        if (proposed.country) rows.country.fp++;
      }
    });
  }
  return {
    articles: articles.length,
    threshold: CHECKWORTHINESS_THRESHOLD,
    rows,
    textOverlap: matchedClaims ? overlap / matchedClaims : 0,
    acceptance,
    failures,
  };
}

export function formatReport(report: Report): string {
  const pct = (value: number) => value.toFixed(3);
  const lines = [
    `${report.articles} articles, claims at check-worthiness >= ${report.threshold}`,
    '',
    '| measure | precision | recall | F1 | tp | fp | fn |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [name, counts] of Object.entries(report.rows)) {
    const score = f1(counts);
    lines.push(
      `| ${name} | ${pct(score.precision)} | ${pct(score.recall)} | ${pct(score.f1)} | ${counts.tp} | ${counts.fp} | ${counts.fn} |`,
    );
  }
  lines.push(
    '',
    `claim text word overlap with the gold wording (matched claims): ${pct(report.textOverlap)}`,
    '',
    formatAcceptance(report),
  );
  return lines.join('\n');
}

/** What a desk would do with the proposed candidates (see Acceptance), as shares of the proposed. */
export function formatAcceptance(report: Pick<Report, 'threshold' | 'acceptance'>): string {
  const { proposed, unedited, actorEdits, notClaim, goldClaims } = report.acceptance;
  const share = (count: number, of: number) => (of ? count / of : 0).toFixed(3);
  return [
    `| candidates at check-worthiness >= ${report.threshold} | count | share of proposed |`,
    '|---|---|---|',
    `| accepted unedited | ${unedited} | ${share(unedited, proposed)} |`,
    `| accepted after actor edits | ${actorEdits} | ${share(actorEdits, proposed)} |`,
    `| not a claim | ${notClaim} | ${share(notClaim, proposed)} |`,
    `| proposed | ${proposed} | ${share(proposed, proposed)} |`,
    '',
    `gold claims proposed and accepted unedited: ${unedited} of ${goldClaims} (${share(unedited, goldClaims)})`,
  ].join('\n');
}
