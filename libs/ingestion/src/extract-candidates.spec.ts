import {
  extractCandidates,
  proposeActors,
  proposedText,
  scoreSentence,
  splitSentences,
} from './extract-candidates';

describe('splitSentences', () => {
  it('keeps offsets that slice the original text exactly', () => {
    const text = '  First sentence here.  Second one!\nThird?  ';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.sentence)).toEqual(['First sentence here.', 'Second one!', 'Third?']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.sentence);
  });

  it('does not break after abbreviations, initials, acronyms or inside decimals', () => {
    const text =
      'Mr. Smith met Dr. Jones in the U.S. Capitol on Monday. J. R. Doe said inflation was 3.5 per cent. Prices rose.';
    expect(splitSentences(text).map((s) => s.sentence)).toEqual([
      'Mr. Smith met Dr. Jones in the U.S. Capitol on Monday.',
      'J. R. Doe said inflation was 3.5 per cent.',
      'Prices rose.',
    ]);
  });

  it('keeps closing quotes with their sentence and starts the next at an opening quote', () => {
    const text = 'He said: "We will not go." “Nobody asked,” she replied.';
    expect(splitSentences(text).map((s) => s.sentence)).toEqual([
      'He said: "We will not go."',
      '“Nobody asked,” she replied.',
    ]);
  });

  it('ends a sentence at a blank line even without a mark, and handles empty text', () => {
    expect(
      splitSentences('A headline without a stop\n\nThe body begins here.').map((s) => s.sentence),
    ).toEqual(['A headline without a stop', 'The body begins here.']);
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n ')).toEqual([]);
  });

  it('does not break when the next word is lower case (an unknown abbreviation)', () => {
    expect(splitSentences('It costs approx. ten euros. Fine.').map((s) => s.sentence)).toEqual([
      'It costs approx. ten euros.',
      'Fine.',
    ]);
  });
});

describe('scoreSentence', () => {
  it('scores an attributed statement with names and numbers high, and explains why', () => {
    const { checkworthiness, features } = scoreSentence(
      'Sergei Lavrov said that 300 mercenaries from Albania and Kosovo were sent to Ukraine.',
    );
    expect(checkworthiness).toBeGreaterThanOrEqual(0.7);
    expect(features).toMatchObject({ reportingVerb: 'said', numbers: 1, tooShort: false, question: false });
    expect(features.namedEntities).toBeGreaterThanOrEqual(3);
  });

  it('scores filler, opinions and questions low and excludes very short sentences', () => {
    expect(
      scoreSentence('The weather was mild and the cafes were full all week.').checkworthiness,
    ).toBeLessThan(0.35);
    expect(
      scoreSentence('I think the minister said many things about 2022 in Vienna?').checkworthiness,
    ).toBeLessThan(0.35);
    const short = scoreSentence('Lavrov said 5.');
    expect(short).toMatchObject({ checkworthiness: 0, features: { tooShort: true } });
  });

  it('notices percentages, quotation marks and rejection verbs', () => {
    const { features } = scoreSentence('Officials denied the “report” that 40% of the funds went missing.');
    expect(features).toMatchObject({ percentage: true, quotation: true, rejectionVerb: 'denied' });
  });
});

describe('proposeActors', () => {
  it('takes the speaker before a reporting verb, dropping titles, guessing person vs organisation', () => {
    expect(proposeActors('Foreign Minister Sergei Lavrov said on Monday that fighters were sent.')).toEqual([
      { name: 'Sergei Lavrov', kind: 'person', stance: 'asserted' },
    ]);
    expect(proposeActors('The Interior Ministry of Albania denied the report on Tuesday.')).toEqual([
      { name: 'Interior Ministry of Albania', kind: 'organization', stance: 'rejected' },
    ]);
  });

  it('treats "X officials rejected" as a government and "according to X" as the speaker', () => {
    expect(proposeActors('Albanian officials rejected the claim as fabricated.')).toEqual([
      { name: 'Albanian officials', kind: 'government', stance: 'rejected' },
    ]);
    expect(proposeActors('According to Reuters, the figures were inflated.')).toEqual([
      { name: 'Reuters', kind: 'organization', stance: 'asserted' },
    ]);
  });

  it('proposes nobody without a reporting verb', () => {
    expect(proposeActors('Sergei Lavrov visited Tirana in March.')).toEqual([]);
  });
});

describe('extractCandidates', () => {
  const article =
    'Tirana had a quiet week. Sergei Lavrov said that mercenaries from Albania, Kosovo and Bosnia were being sent to fight in Ukraine. ' +
    'The cafés on the main square were busy. Albanian officials rejected the allegation as propaganda on Tuesday. Is that true?';

  it('keeps check-worthy sentences best first with exact offsets, dropping filler', () => {
    const candidates = extractCandidates(article);
    expect(candidates.map((c) => c.sentence)).toEqual([
      'Sergei Lavrov said that mercenaries from Albania, Kosovo and Bosnia were being sent to fight in Ukraine.',
      'Albanian officials rejected the allegation as propaganda on Tuesday.',
    ]);
    for (const c of candidates) expect(article.slice(c.start, c.end)).toBe(c.sentence);
    expect(candidates[0].proposedActors).toEqual([
      { name: 'Sergei Lavrov', kind: 'person', stance: 'asserted' },
    ]);
    expect(candidates[0].checkworthiness).toBeGreaterThan(candidates[1].checkworthiness);
  });

  it('caps the number of candidates at 50', () => {
    const text = Array.from(
      { length: 80 },
      (_, i) => `Minister Jane Roe said ${i} soldiers were sent to Kyiv.`,
    ).join(' ');
    expect(extractCandidates(text)).toHaveLength(50);
  });

  it('proposes claim text without wrapping quotes or extra whitespace', () => {
    expect(proposedText('“Troops   were\nsent,” he said.')).toBe('Troops were sent,” he said.');
  });
});
