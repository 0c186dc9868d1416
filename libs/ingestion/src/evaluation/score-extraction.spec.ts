import type { CheckworthinessFeatures, ExtractedCandidate, ProposedActor } from '../extraction/types';
import { evaluate, formatReport, type GoldArticle } from './score-extraction';

const article: GoldArticle = {
  id: 'hand-01',
  topic: 'economy',
  title: 'Jobs and a dam',
  sentences: [
    'Labour Minister Ana Ruiz said unemployment fell to 4 percent in March.',
    'Ruiz also said the Tarn dam will be finished by 2027.',
    'Opposition leader Jan Novak rejected that date.',
    'The central bank said inflation doubled last year.',
    'The weather in the capital was sunny on Tuesday, the agency noted.',
  ],
  claims: [
    {
      text: 'Unemployment fell to 4 percent in March',
      mentions: [0],
      actors: [
        {
          name: 'Ana Ruiz',
          kind: 'person',
          title: 'Labour Minister',
          country: null,
          stance: 'asserted',
        },
      ],
    },
    {
      text: 'The Tarn dam will be finished by 2027',
      mentions: [1, 2],
      actors: [
        { name: 'Ana Ruiz', kind: 'person', title: null, country: null, stance: 'asserted' },
        {
          name: 'Jan Novak',
          kind: 'person',
          title: 'Opposition leader',
          country: null,
          stance: 'rejected',
        },
      ],
    },
    {
      text: 'Inflation doubled last year',
      mentions: [3],
      actors: [
        {
          name: 'central bank',
          aliases: ['the bank'],
          kind: 'organization',
          title: null,
          country: null,
          stance: 'asserted',
        },
      ],
    },
  ],
};

const actor = (name: string, stance: ProposedActor['stance'], title: string | null = null) =>
  ({ name, kind: 'person', title, country: null, stance, quote: '' }) satisfies ProposedActor;

/** A candidate whose mentions start in the given sentences of `article`. */
function candidate(text: string, sentences: number[], proposedActors: ProposedActor[]): ExtractedCandidate {
  const start = (index: number) =>
    article.sentences.slice(0, index).reduce((offset, sentence) => offset + sentence.length + 1, 0);
  const first = article.sentences[sentences[0]];
  return {
    sentence: first,
    start: start(sentences[0]),
    end: start(sentences[0]) + first.length,
    text,
    mentions: sentences.map((index) => ({
      start: start(index),
      end: start(index) + article.sentences[index].length,
      sentence: article.sentences[index],
      role: 'states',
    })),
    proposedActors,
    checkworthiness: 0.9,
    features: {} as CheckworthinessFeatures,
  };
}

const exact = candidate(
  'unemployment fell to 4 percent in March',
  [0],
  [actor('Ana Ruiz', 'asserted', 'Labour Minister')],
);
const wrongStance = candidate(
  'the Tarn dam will be finished by 2027',
  [1, 2],
  [actor('Ana Ruiz', 'asserted'), actor('Jan Novak', 'supported')],
);
const notAClaim = candidate(
  'the weather in the capital was sunny on Tuesday',
  [4],
  [actor('the agency', 'asserted')],
);

describe('evaluate: candidates a desk would accept unedited', () => {
  it('counts one exact, one needing an actor edit (wrong stance), one not a claim, one gold claim missed', () => {
    const report = evaluate([article], () => [exact, wrongStance, notAClaim]);
    expect(report.rows.claims).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(report.acceptance).toEqual({
      proposed: 3,
      unedited: 1,
      actorEdits: 1,
      notClaim: 1,
      goldClaims: 3,
    });
    const printed = formatReport(report);
    expect(printed).toContain('| accepted unedited | 1 | 0.333 |');
    expect(printed).toContain('| accepted after actor edits | 1 | 0.333 |');
    expect(printed).toContain('| not a claim | 1 | 0.333 |');
    expect(printed).toContain('| proposed | 3 | 1.000 |');
    expect(printed).toContain('gold claims proposed and accepted unedited: 1 of 3 (0.333)');
  });

  it('needs an actor edit for a missing or an extra actor, and accepts a gold alias or a wrong title as is', () => {
    const missing = candidate('the Tarn dam will be finished by 2027', [1], [actor('Ana Ruiz', 'asserted')]);
    const extra = candidate(
      'unemployment fell to 4 percent in March',
      [0],
      [actor('Ana Ruiz', 'asserted'), actor('Jan Novak', 'asserted')],
    );
    const alias = candidate('inflation doubled last year', [3], [actor('The Bank', 'asserted', 'Governor')]);
    const report = evaluate([article], () => [missing, extra, alias]);
    expect(report.acceptance).toEqual({
      proposed: 3,
      unedited: 1,
      actorEdits: 2,
      notClaim: 0,
      goldClaims: 3,
    });
  });

  it('shares are zero, not NaN, when nothing is proposed', () => {
    const report = evaluate([article], () => []);
    expect(report.acceptance).toEqual({
      proposed: 0,
      unedited: 0,
      actorEdits: 0,
      notClaim: 0,
      goldClaims: 3,
    });
    expect(formatReport(report)).toContain('| accepted unedited | 0 | 0.000 |');
  });
});
