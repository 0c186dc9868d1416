import { CHECKWORTHINESS_THRESHOLD, extractCandidates, extractClaims } from './extract-candidates';
import { analyse } from './extraction/nlp';

const actors = (text: string) =>
  extractCandidates(text).map((candidate) =>
    candidate.proposedActors.map(({ name, kind, title, country, stance }) => ({
      name,
      kind,
      title,
      country,
      stance,
    })),
  );

describe('analyse', () => {
  it('keeps offsets that slice the original text exactly, one sentence per headline line', () => {
    const text =
      'A headline without a stop\n\n  Mr. Smith met Dr. Jones in the U.S. Capitol.  Prices rose 3.5 per cent! ';
    const sentences = analyse(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'A headline without a stop',
      'Mr. Smith met Dr. Jones in the U.S. Capitol.',
      'Prices rose 3.5 per cent!',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(analyse('   \n ')).toEqual([]);
  });
});

describe('extractCandidates', () => {
  const article = [
    'Russian Foreign Minister Sergei Lavrov said on Monday that mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine.',
    'The claims were made by Lavrov at a press conference in Moscow.',
    'Officials from Albania, Kosovo and Bosnia rejected the allegation, saying there was no evidence.',
    'Serbia’s state-controlled media carried the report the same evening.',
    'The meeting lasted about two hours.',
  ].join(' ');

  it('proposes the claim once, without its reporting frame, with every sentence that mentions it', () => {
    const [candidate, ...others] = extractCandidates(article);
    expect(others).toEqual([]);
    expect(candidate.text).toBe(
      'Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine',
    );
    expect(candidate.mentions.map((m) => m.role)).toEqual(['states', 'attributes', 'rejects', 'repeats']);
    for (const m of candidate.mentions) expect(article.slice(m.start, m.end)).toBe(m.sentence);
    expect(candidate.sentence).toBe(candidate.mentions[0].sentence);
    expect(candidate.checkworthiness).toBeGreaterThanOrEqual(CHECKWORTHINESS_THRESHOLD);
  });

  it('splits titles from names, one government per listed country, media by the country it serves', () => {
    expect(actors(article)[0]).toEqual([
      { name: 'Sergei Lavrov', kind: 'person', title: 'Foreign Minister', country: 'RU', stance: 'asserted' },
      { name: 'Government of Albania', kind: 'government', title: null, country: 'AL', stance: 'rejected' },
      { name: 'Government of Kosovo', kind: 'government', title: null, country: 'XK', stance: 'rejected' },
      {
        name: 'Government of Bosnia and Herzegovina',
        kind: 'government',
        title: null,
        country: 'BA',
        stance: 'rejected',
      },
      {
        name: 'Serbian state-controlled media',
        kind: 'media_outlet',
        title: null,
        country: 'RS',
        stance: 'repeated',
      },
    ]);
  });

  it('reads "according to", quotes with the speaker after them, and metonyms', () => {
    const [quoted] = actors(
      '“Troops shelled three villages overnight,” Armenian Defence Minister Tigran Avetyan told reporters. Baku called the accusation baseless.',
    );
    expect(quoted.map((a) => [a.name, a.stance])).toEqual([
      ['Tigran Avetyan', 'asserted'],
      ['Government of Azerbaijan', 'rejected'],
    ]);
    const [according] = extractCandidates(
      'Cholera has killed at least 210 people since March, according to the World Health Organization.',
    );
    expect(according.text).toBe('Cholera has killed at least 210 people since March');
    expect(according.proposedActors[0]).toMatchObject({
      name: 'World Health Organization',
      kind: 'organization',
    });
  });

  it('turns "accused X of doing" into the claim that X did it, and "said there was no evidence" into a rejection', () => {
    const [candidate] = extractCandidates(
      'Pacific leaders from Fiji and Tuvalu accused Australia of approving 116 new coal projects since 2022. Canberra said there was no evidence for the figure.',
    );
    expect(candidate.text).toBe('Australia has approved 116 new coal projects since 2022');
    expect(candidate.proposedActors.map((a) => [a.name, a.stance])).toEqual([
      ['Government of Fiji', 'asserted'],
      ['Government of Tuvalu', 'asserted'],
      ['Government of Australia', 'rejected'],
    ]);
  });

  it('attaches a later "those claims were made by" to the statement it points back at', () => {
    const [candidate] = extractCandidates(
      'Thousands of Afghan refugees have been forcibly deported from Pakistan in the past month. Those claims were made by the UN refugee agency, UNHCR, on Tuesday.',
    );
    expect(candidate.text).toBe(
      'Thousands of Afghan refugees have been forcibly deported from Pakistan in the past month',
    );
    expect(candidate.proposedActors.map((a) => [a.name, a.stance])).toEqual([['UNHCR', 'asserted']]);
  });

  it('does not take sentence-initial common words for names, nor a negated verb for a stance', () => {
    const [candidate] = actors(
      'Social media users claimed that the floods in Valencia were caused by cloud seeding planes. Veltrix did not deny the claim.',
    );
    expect(candidate).toEqual([
      { name: 'Social media users', kind: 'group', title: null, country: null, stance: 'asserted' },
    ]);
  });

  it('scores hedges, predictions, opinion, procedure and background below verifiable attributed claims', () => {
    const claims = extractClaims(
      [
        'Health Minister Ion Radu said 5,300 measles cases were recorded in Romania in June.',
        'Some doctors warned that the outbreak may spread to neighbouring countries.',
        'Radu said the government would launch a campaign in schools.',
        '“I think this is the best result in twenty years,” Radu said.',
        'Radu met regional officials in Cluj on Friday.',
        'Measles cases peaked in 2019.',
      ].join(' '),
    );
    const [best, ...rest] = claims;
    expect(best.text).toBe('5,300 measles cases were recorded in Romania in June');
    expect(best.features).toMatchObject({ attributed: true, numbers: 1, hedged: false });
    expect(best.features.contributions.numbers).toBeGreaterThan(0);
    for (const claim of rest) expect(claim.checkworthiness).toBeLessThan(CHECKWORTHINESS_THRESHOLD);
    expect(extractCandidates(claims.map((c) => c.sentence).join(' ')).map((c) => c.text)).toEqual([
      best.text,
    ]);
  });

  it('finds nothing in text without claims, and caps the number of candidates', () => {
    expect(extractCandidates('Quiet days. '.repeat(200))).toEqual([]);
    const many = Array.from(
      { length: 80 },
      (_, i) => `Minister Jane Roe said ${i + 2} soldiers had been sent to Town${i}.`,
    ).join(' ');
    expect(extractCandidates(many).length).toBeLessThanOrEqual(50);
  });
});

describe('forms the annotated articles rarely show', () => {
  const stances = (text: string) =>
    extractCandidates(text).map((candidate) => ({
      text: candidate.text,
      actors: candidate.proposedActors.map((actor) => [actor.name, actor.stance]),
    }));

  it('reads opening adjuncts, auxiliaries and state institutions of the article’s country', () => {
    expect(
      stances(
        'Writing on Telegram, Russian military blogger Yuri Kolesov claimed that Ukrainian forces had shelled a hospital in Donetsk, killing nine people. Kyiv called the report Russian propaganda.',
      ),
    ).toEqual([
      {
        text: 'Ukrainian forces shelled a hospital in Donetsk, killing nine people',
        actors: [
          ['Yuri Kolesov', 'asserted'],
          ['Government of Ukraine', 'rejected'],
        ],
      },
    ]);
    const [army] = stances(
      'Protesters set fire to the parliament building in Dhaka, police said. The army has said that 14 people were killed during the clashes. Opposition leader Farida Rahman dismissed the army’s figure as a lie.',
    );
    expect(army).toEqual({
      text: '14 people were killed during the clashes',
      actors: [
        ['Bangladeshi army', 'asserted'],
        ['Farida Rahman', 'rejected'],
      ],
    });
  });

  it('proposes a rebutter’s own fact as their claim, and keeps a restated denial folded', () => {
    expect(
      stances(
        'Fisheries minister Olav Strand said 40,000 salmon had escaped from a farm near Bergen. The operator Nordlaks rejected the figure and said a storm had damaged only one pen. The Coastal Directorate disputed the account, saying it had found no evidence of a breach.',
      ),
    ).toEqual([
      {
        text: '40,000 salmon escaped from a farm near Bergen',
        actors: [
          ['Olav Strand', 'asserted'],
          ['Nordlaks', 'rejected'],
          ['Coastal Directorate', 'rejected'],
        ],
      },
      { text: 'A storm damaged only one pen', actors: [['Nordlaks', 'asserted']] },
    ]);
  });

  it('reads reports of a pointer ("ran the allegation") and takes an evaluative quote for no claim', () => {
    expect(
      stances(
        'Interior Minister Ana Ruiz alleged that smugglers had moved 3,000 migrants through the port of Almería in March. “This is a shameful trade that endangers lives,” she told reporters. The tabloid Diario Rojo ran the allegation on its front page. Madrid police dismissed the allegation as a fabrication.',
      ),
    ).toEqual([
      {
        text: 'Smugglers moved 3,000 migrants through the port of Almería in March',
        actors: [
          ['Ana Ruiz', 'asserted'],
          ['Diario Rojo', 'repeated'],
          ['Spanish police', 'rejected'],
        ],
      },
    ]);
  });

  it('reads state bodies, ranks after roles, lists of ministries, figures put at a value and the article’s country for bodies', () => {
    const [raid] = extractCandidates(
      'Chadian army spokesman Captain Moussa Djibril said rebels had killed 14 soldiers near Abéché. The foreign ministries of Sudan, Libya and Niger rejected the allegation. The Abéché-based radio station Radio Ouaddaï repeated the claim.',
    );
    expect(
      raid.proposedActors.map(({ name, kind, title, country, stance }) => [
        name,
        kind,
        title,
        country,
        stance,
      ]),
    ).toEqual([
      ['Moussa Djibril', 'person', 'Army Spokesman', 'TD', 'asserted'],
      ['Ministry of Foreign Affairs of Sudan', 'government', null, 'SD', 'rejected'],
      ['Ministry of Foreign Affairs of Libya', 'government', null, 'LY', 'rejected'],
      ['Ministry of Foreign Affairs of Niger', 'government', null, 'NE', 'rejected'],
      ['Radio Ouaddaï', 'media_outlet', null, 'TD', 'repeated'],
    ]);
    const turnout = extractCandidates(
      'The Mongolian General Election Commission put turnout at 69.3 percent. The Ulaanbaatar research group Steppe Metrics said more than 100,000 ballots had been spoiled.',
    );
    expect(
      turnout.map((candidate) => [
        candidate.text,
        candidate.proposedActors.map((actor) => [actor.name, actor.kind, actor.country]),
      ]),
    ).toEqual([
      ['More than 100,000 ballots were spoiled', [['Steppe Metrics', 'organization', 'MN']]],
      ['Turnout was 69.3 percent', [['Mongolian General Election Commission', 'government', 'MN']]],
    ]);
  });

  it('reads "X’s claim that P" as X asserting P, in either voice, and a named spokesperson', () => {
    expect(
      stances(
        'The Peruvian health ministry rejected Congressman Raúl Tapia’s claim that 300 children had died after vaccination in Puno.',
      ),
    ).toEqual([
      {
        text: '300 children died after vaccination in Puno',
        actors: [
          ['Raúl Tapia', 'asserted'],
          ['Ministry of Health of Peru', 'rejected'],
        ],
      },
    ]);
    const [jobs] = extractCandidates(
      'The government’s claim that unemployment fell to 4 percent in June was questioned by the Ghana Economic Forum. A spokesman for the forum, Kwame Asante, said the survey had left out informal workers.',
    );
    expect(jobs.text).toBe('Unemployment fell to 4 percent in June');
    expect(jobs.proposedActors.map((actor) => [actor.name, actor.title, actor.stance])).toEqual([
      ['Government of Ghana', null, 'asserted'],
      ['Ghana Economic Forum', null, 'rejected'],
    ]);
  });

  it('skips a parenthetical participle in the speaker and reads "show that" as a report', () => {
    expect(
      stances(
        'Macedonian Health Minister Elena Ristova said that 1,200 nurses had left the country since 2022. The nurses’ union, citing its own records, said the real number was more than 3,000.',
      ),
    ).toEqual([
      {
        text: '1,200 nurses have left the country since 2022',
        actors: [
          ['Elena Ristova', 'asserted'],
          ['Nurses’ union', 'rejected'],
        ],
      },
      { text: 'The real number was more than 3,000', actors: [['Nurses’ union', 'asserted']] },
    ]);
    expect(
      stances(
        'Satellite images analysed by the research group Orbital Watch show that at least 40 buildings were destroyed in the village of Kafr Nabl.',
      ),
    ).toEqual([
      {
        text: 'At least 40 buildings were destroyed in the village of Kafr Nabl',
        actors: [['Orbital Watch', 'asserted']],
      },
    ]);
  });

  it('keeps a list inside a body’s name and gives an unnamed official’s counter-cause to the body', () => {
    expect(
      stances(
        'Colombia’s Institute of Hydrology, Meteorology and Environmental Studies said 62 percent of municipalities were at risk of water shortages. Rebel commander Abu Saleh claimed his fighters had downed an army helicopter near Cúcuta. The Colombian defence ministry denied losing any aircraft. “The helicopter crashed because of a technical fault,” a ministry official told state television.',
      ).map((candidate) => candidate.actors),
    ).toEqual([
      [['Institute of Hydrology, Meteorology and Environmental Studies', 'asserted']],
      [
        ['Abu Saleh', 'asserted'],
        ['Ministry of Defence of Colombia', 'rejected'],
      ],
      [['Ministry of Defence of Colombia', 'asserted']],
    ]);
  });

  it('takes a denial in general terms or of the event for a rejection, not a claim', () => {
    expect(
      stances(
        'Hamid Karimi, a spokesman for the Iranian foreign ministry, said Israeli jets had struck a radar site near Isfahan on Friday. “There was no attack,” an Israeli military spokesperson said. Sudanese officials said they had seen no evidence of any strike.',
      ),
    ).toEqual([
      {
        text: 'Israeli jets struck a radar site near Isfahan on Friday',
        actors: [
          ['Hamid Karimi', 'asserted'],
          ['Israeli military spokesperson', 'rejected'],
          ['Government of Sudan', 'rejected'],
        ],
      },
    ]);
  });

  it('points "the figures" at the claim with a number and matches a described body by all its words', () => {
    const candidates = stances(
      'Nigeria’s electoral commission said 2.4 million voter cards had not been collected. “We believe the elections will be free and fair,” the commission said. The figures were described as misleading by the opposition All Progressives Alliance. Turnout was 61 percent, the statistics office said.',
    );
    expect(candidates.find((c) => c.text.startsWith('2.4 million'))?.actors).toEqual([
      ['Nigerian electoral commission', 'asserted'],
      ['All Progressives Alliance', 'rejected'],
    ]);
    expect(candidates.find((c) => c.text.startsWith('Turnout'))?.actors).toEqual([
      ['Nigerian statistics office', 'asserted'],
    ]);
  });

  it('proposes no claim for a thing shown or for a sentence about the claim', () => {
    const texts = stances(
      'Iranian officials said Israeli jets had struck a radar site near Isfahan. Iran’s state television broadcast footage of the site. The claim was picked up by the news agency Fars.',
    ).map((candidate) => candidate.text);
    expect(texts).toEqual(['Israeli jets struck a radar site near Isfahan']);
  });

  it('keeps names the tokenizer cuts (Jović), reads parentheticals, and links "the claim" to who claimed it', () => {
    expect(
      stances(
        'Serbian President Milan Jović claimed, without evidence, that foreign agents had paid protesters in Novi Sad 50 euros each. According to a statement from the opposition coalition Free Serbia, the protests were organised by students. The claim was carried by the pro-government tabloid Informer Dnevni. Student leader Ana Marić said: “Nobody paid us anything.”',
      )[0],
    ).toEqual({
      text: 'Foreign agents paid protesters in Novi Sad 50 euros each',
      actors: [
        ['Milan Jović', 'asserted'],
        ['Informer Dnevni', 'repeated'],
        ['Ana Marić', 'rejected'],
      ],
    });
  });

  it('reads a list of seats as the governments they stand for', () => {
    expect(
      stances(
        'Russia’s foreign minister Sergei Lavrov claimed on Wednesday that mercenaries from Albania, Kosovo and Bosnia were being sent to fight for Ukraine. Officials in Tirana, Pristina and Sarajevo rejected the allegations.',
      )[0].actors,
    ).toEqual([
      ['Sergei Lavrov', 'asserted'],
      ['Government of Albania', 'rejected'],
      ['Government of Kosovo', 'rejected'],
      ['Government of Bosnia and Herzegovina', 'rejected'],
    ]);
  });

  it('keeps a charge whose gerund the tagger reads as a noun, and its denial', () => {
    const charge = stances(
      'Kenya’s health ministry said 38 people had died of cholera in Garissa county since January. Local MP Aden Duale accused the ministry of hiding deaths. The ministry has denied the accusation.',
    ).find((candidate) => candidate.text.endsWith('hid deaths'));
    expect(charge?.actors).toEqual([
      ['Aden Duale', 'asserted'],
      ['Ministry of Health of Kenya', 'rejected'],
    ]);
  });

  it('reads "the country’s agency" as a body of the article’s country', () => {
    expect(
      stances(
        'Hurricane Delia killed at least 45 people in Haiti, the country’s civil protection agency said on Sunday. The figure was confirmed by the Red Cross.',
      ),
    ).toEqual([
      {
        text: 'Hurricane Delia killed at least 45 people in Haiti',
        actors: [
          ['Haitian civil protection agency', 'asserted'],
          ['Red Cross', 'supported'],
        ],
      },
    ]);
  });

  it('ends a sentence after a lone capital and a stop when a new clause starts (“on X. The …”)', () => {
    const [candidate] = stances(
      'Pakistan’s army said on Tuesday that Indian drones had struck a mosque in Muzaffarabad, killing three worshippers. The claim was also made by Pakistani Information Minister Attaullah Tarar in a post on X. The Indian foreign ministry spokesman, Randhir Jaiswal, called the report baseless.',
    );
    expect(candidate.actors).toEqual([
      ['Pakistani army', 'asserted'],
      ['Attaullah Tarar', 'repeated'],
      ['Randhir Jaiswal', 'rejected'],
    ]);
    expect(analyse('George W. Bush said so.').map((sentence) => sentence.text)).toEqual([
      'George W. Bush said so.',
    ]);
  });
});

describe('later actors who take the claim up in a sentence of their own', () => {
  const stances = (text: string) =>
    extractCandidates(text).map((candidate) => ({
      text: candidate.text,
      actors: candidate.proposedActors.map((actor) => [actor.name, actor.stance]),
    }));

  it('reads an owner’s pointer ("the agency’s estimate", "Okafor’s account") and a pronoun object', () => {
    expect(
      stances(
        'Floods displaced 12,000 people in Benue state, Nigeria’s emergency agency NEMA said on Monday. The Red Cross backed it in a statement. Radio Benue broadcast the agency’s estimate at the top of its news. The governor’s spokesman, Tunde Okafor, dismissed the account.',
      ),
    ).toEqual([
      {
        text: 'Floods displaced 12,000 people in Benue state',
        actors: [
          ['NEMA', 'asserted'],
          ['Red Cross', 'supported'],
          ['Radio Benue', 'repeated'],
          ['Tunde Okafor', 'rejected'],
        ],
      },
    ]);
  });

  it('reads "that account" as a pointer, a passive with an adverb in its chain and a time adjunct before the clause', () => {
    const [claim, ...others] = stances(
      'Uganda’s energy ministry said on Tuesday a landslide had buried 30 miners at the Kilembe site. The allegation has since been repeated by the Daily Monitor. A miners’ union disputed that account the following day.',
    );
    expect(others).toEqual([]);
    expect(claim).toEqual({
      text: 'A landslide buried 30 miners at the Kilembe site',
      actors: [
        ['Ministry of Energy of Uganda', 'asserted'],
        ['Daily Monitor', 'repeated'],
        ['Miners’ union', 'rejected'],
      ],
    });
    expect(
      stances(
        'The rebel spokesman Lawrence Kanyuka claimed the following day that the convoy had been ambushed near Goma.',
      ),
    ).toEqual([{ text: 'The convoy was ambushed near Goma', actors: [['Lawrence Kanyuka', 'asserted']] }]);
  });

  it('takes any verb of saying after a rejection as its reason, and a denial as answering the claim it takes up', () => {
    expect(
      stances(
        'Crime fell by 9 percent this year, Interior Minister Lara Vos told a news conference. Opposition leader Piet de Groot called the figure “a fiction”, arguing that the ministry had moved hundreds of burglaries into a new category. Vos denied that any burglaries had been moved.',
      ),
    ).toEqual([
      {
        text: 'Crime fell by 9 percent this year',
        actors: [
          ['Lara Vos', 'asserted'],
          ['Piet de Groot', 'rejected'],
        ],
      },
      {
        text: 'The ministry moved hundreds of burglaries into a new category',
        actors: [
          ['Piet de Groot', 'asserted'],
          ['Lara Vos', 'rejected'],
        ],
      },
    ]);
  });
});

describe('speakers after the clause, with an appositive or the body they belong to', () => {
  const people = (text: string) =>
    extractCandidates(text).map((candidate) =>
      candidate.proposedActors.map(({ name, kind, title, country, stance }) => [
        name,
        kind,
        title,
        country,
        stance,
      ]),
    );

  it('takes the named person of "X of the Y", not the body, and lets "the institute" find the body', () => {
    expect(
      people(
        '“The Rhine held 40 percent less water in August than the long-term average,” said hydrologist Anna Berger of the Federal Institute of Hydrology of Germany. The institute said the river had reached its lowest level since 1976.',
      ),
    ).toEqual(
      expect.arrayContaining([
        [['Anna Berger', 'person', 'Hydrologist', 'DE', 'asserted']],
        [['Federal Institute of Hydrology of Germany', 'government', null, 'DE', 'asserted']],
      ]),
    );
  });

  it('reads "the company’s chief executive, Name" as a person with the title, not the company', () => {
    expect(
      people(
        'The outage at the Kelso plant was caused by a cyber-attack, Energy Minister Rui Alves said. “We have seen no sign of any attack,” said the company’s chief executive, Marta Sousa.',
      ),
    ).toEqual([
      [
        ['Rui Alves', 'person', 'Energy Minister', null, 'asserted'],
        ['Marta Sousa', 'person', 'Chief Executive', null, 'rejected'],
      ],
    ]);
  });

  it('reads a name and a description in apposition before the verb, in either order', () => {
    expect(
      people(
        'Power returned to Nairobi within three hours, Amina Odhiambo, the company’s chief executive, said. The outage began when a transformer failed at the Embakasi substation, the grid operator, Kenya Power Service, said.',
      ),
    ).toEqual([
      [['Amina Odhiambo', 'person', 'Chief Executive', 'KE', 'asserted']],
      [['Kenya Power Service', 'organization', null, 'KE', 'asserted']],
    ]);
  });

  it('makes the officials of a portfolio in listed capitals the ministry of each country', () => {
    const [claim] = people(
      'Cholera has killed 40 people in Malawi and Zambia since March, the WHO said. Health officials in Lilongwe and Lusaka have confirmed the toll.',
    );
    expect(claim.slice(1)).toEqual([
      ['Ministry of Health of Malawi', 'government', null, 'MW', 'supported'],
      ['Ministry of Health of Zambia', 'government', null, 'ZM', 'supported'],
    ]);
  });
});

describe('what a later pointer refers to', () => {
  const stances = (text: string) =>
    extractCandidates(text).map((candidate) => ({
      text: candidate.text,
      actors: candidate.proposedActors.map((actor) => [actor.name, actor.stance]),
    }));

  it('reads "in fact" as another version against the claim, and "that assertion" as pointing at that version', () => {
    expect(
      stances(
        'The lake lost 30 percent of its surface this summer, the water agency said. The blog Seewacht claimed that the lake had in fact grown this year. Agency director Jonas Weber called that assertion “plainly false”.',
      ),
    ).toEqual([
      {
        text: 'The lake lost 30 percent of its surface this summer',
        actors: [
          ['Water agency', 'asserted'],
          ['Seewacht', 'rejected'],
        ],
      },
      {
        text: 'The lake has grown this year',
        actors: [
          ['Seewacht', 'asserted'],
          ['Jonas Weber', 'rejected'],
        ],
      },
    ]);
  });

  it('points "X’s allegation" at the claim X made, past a rebuttal’s own fact', () => {
    const [claim] = stances(
      'Candidate Luis Mendoza claimed that the count had been halted to add 20,000 votes for the ruling party. The Supreme Electoral Tribunal called the claim false and said the count had been paused because of a power cut. Mendoza’s allegation was broadcast by the channel Canal Sur.',
    );
    expect(claim.actors).toEqual([
      ['Luis Mendoza', 'asserted'],
      ['Supreme Electoral Tribunal', 'rejected'],
      ['Canal Sur', 'repeated'],
    ]);
  });
});

describe('rebuttals: their own facts, restated denials and verdicts', () => {
  const stances = (text: string) =>
    extractCandidates(text).map((candidate) => ({
      text: candidate.text,
      actors: candidate.proposedActors.map((actor) => [actor.name, actor.stance]),
    }));

  it('keeps "it had removed …" as the rebutter’s own fact and reads a discrediting verdict as a rejection', () => {
    expect(
      stances(
        'The voter roll contains 300,000 names of dead people, opposition spokesman Ali Diallo claimed. The National Electoral Commission rejected the claim and said it had removed 150,000 deceased voters since 2022. The commission’s president, Awa Sow, called the opposition’s allegation “an attempt to discredit the vote”.',
      ),
    ).toEqual([
      {
        text: 'National Electoral Commission has removed 150,000 deceased voters since 2022',
        actors: [['National Electoral Commission', 'asserted']],
      },
      {
        text: 'The voter roll contains 300,000 names of dead people',
        actors: [
          ['Ali Diallo', 'asserted'],
          ['National Electoral Commission', 'rejected'],
          ['Awa Sow', 'rejected'],
        ],
      },
    ]);
  });

  it('folds a blanket assurance and a "found no X" into the rejection, proposing no claim for them', () => {
    expect(
      stances(
        'The food agency said it had found listeria in 8 batches of cheese made by the dairy Alpenhof. Alpenhof rejected the findings, saying its cheeses had passed every test. Austria’s health ministry said its own laboratory had found no listeria in samples from the same batches.',
      ),
    ).toEqual([
      {
        text: 'Austrian food agency found listeria in 8 batches of cheese made by the dairy Alpenhof',
        actors: [
          ['Austrian food agency', 'asserted'],
          ['Alpenhof', 'rejected'],
          ['Ministry of Health of Austria', 'rejected'],
        ],
      },
    ]);
  });

  it('takes no clause with a verb of its own for a speaker ("a ceasefire agreed in 2022")', () => {
    expect(
      stances('Officials from Russia and Kazakhstan urged both sides to respect a truce agreed in 2022.'),
    ).toEqual([]);
  });
});

describe('kinds of named bodies', () => {
  const kinds = (text: string) =>
    extractClaims(text).flatMap((candidate) =>
      candidate.proposedActors.map(({ name, kind, country }) => [name, kind, country]),
    );

  it('reads a constabulary as a state’s, an unmarked army as a group, and firms by their trade or their "its"', () => {
    expect(kinds('Ballot boxes were stolen in Lae, the Royal Papua New Guinea Constabulary said.')).toEqual([
      ['Royal Papua New Guinea Constabulary', 'government', 'PG'],
    ]);
    expect(
      kinds('The Arakan Army said its fighters had seized a military base near Sittwe in Myanmar.'),
    ).toContainEqual(['Arakan Army', 'group', 'MM']);
    expect(
      kinds(
        'Inspectors found rust in 40 tanks sold by the Dutch supplier Van Dijk Staal. Van Dijk Staal rejected the finding.',
      ),
    ).toContainEqual(['Van Dijk Staal', 'organization', 'NL']);
    expect(
      kinds('The outage began at a substation, the grid operator, Kenya Power Service, said on Monday.'),
    ).toEqual([['Kenya Power Service', 'organization', 'KE']]);
    expect(
      kinds('Golden Harvest Mills said its flour had passed 12 independent tests this year.'),
    ).toContainEqual(['Golden Harvest Mills', 'organization', null]);
  });
});

describe('clause fragments', () => {
  it('proposes no claim for a thing named and dated, nor for a clause broken off after an auxiliary', () => {
    const texts = (text: string) => extractClaims(text).map((candidate) => candidate.text);
    expect(texts('The government has declared a state of emergency twice in the past three years.')).toEqual(
      [],
    );
    expect(texts('The ministry announced a curfew in 2021.')).toEqual([]);
    // A dated clause with its verb stays a claim.
    expect(texts('Police in Lagos said a curfew had been imposed on 12 districts in 2021.')).toEqual([
      'A curfew was imposed on 12 districts in 2021',
    ]);
  });
});

describe('competing figures and bodies named in passing', () => {
  const stances = (text: string) =>
    extractCandidates(text).map((candidate) => ({
      text: candidate.text,
      actors: candidate.proposedActors.map((actor) => [actor.name, actor.stance]),
    }));

  it('reads another speaker’s "put the toll at N" as a rival figure, and its rejection as backing the first', () => {
    const [first, rival, ...others] = stances(
      'Floods killed 11 people in the Kasai province, the Red Cross said. Senator Paul Mbuyi put the death toll at 40. Mbuyi’s figure was dismissed by Interior Minister Jacques Ilunga, who told reporters that the Red Cross had checked its count village by village.',
    );
    expect(first).toEqual({
      text: 'Floods killed 11 people in the Kasai province',
      actors: [
        ['Red Cross', 'asserted'],
        ['Paul Mbuyi', 'rejected'],
        ['Jacques Ilunga', 'supported'],
      ],
    });
    expect(rival.actors).toEqual([
      ['Paul Mbuyi', 'asserted'],
      ['Jacques Ilunga', 'rejected'],
    ]);
    // His reason is about the Red Cross's count, which defends the first figure: no claim of his own.
    expect(others).toEqual([]);
  });

  it('reads a valuation after a parenthetical participle, and plural title acronyms as a group', () => {
    const kinds = extractCandidates(
      'Floods killed 48 people in northern Ghana last week, the National Disaster Management Organisation said. The Daily Graphic, citing hospital sources, put the toll at 60.',
    ).map((candidate) => [
      candidate.text,
      candidate.proposedActors.map((actor) => [actor.name, actor.kind, actor.stance]),
    ]);
    expect(kinds).toEqual([
      [
        'Floods killed 48 people in northern Ghana last week',
        [
          ['National Disaster Management Organisation', 'organization', 'asserted'],
          ['Daily Graphic', 'media_outlet', 'rejected'],
        ],
      ],
      ['The toll was 60', [['Daily Graphic', 'media_outlet', 'asserted']]],
    ]);
    const [claim] = extractCandidates(
      'Floods killed 48 people in northern Ghana last week, the National Disaster Management Organisation said. Opposition MPs slammed the figure as a cover-up.',
    );
    expect(claim.proposedActors[1]).toMatchObject({
      name: 'Opposition MPs',
      kind: 'group',
      stance: 'rejected',
    });
  });

  it('reads "…, which put the number of dead at N" as a rival figure and "the Red Cross figure" as pointing at it', () => {
    expect(
      stances(
        'Bolivia’s civil defence office said on Sunday that floods had killed 52 people since January. The figure was disputed by the Bolivian Red Cross, which put the number of dead at 80. Defence Minister Edmundo Novillo dismissed the Red Cross figure. Novillo said the army had rescued more than 3,000 people.',
      ),
    ).toEqual([
      {
        text: 'Floods have killed 52 people since January',
        actors: [
          ['Bolivian civil defence office', 'asserted'],
          ['Red Cross', 'rejected'],
          ['Edmundo Novillo', 'supported'],
        ],
      },
      {
        text: 'The number of dead was 80',
        actors: [
          ['Red Cross', 'asserted'],
          ['Edmundo Novillo', 'rejected'],
        ],
      },
      // (The tagger may read "rescued" after "had" as a noun; the reported tense is undone all the same.)
      { text: 'The army rescued more than 3,000 people', actors: [['Edmundo Novillo', 'asserted']] },
    ]);
  });

  it('lets "the hospital’s management" speak for a hospital named in the sentence before', () => {
    const [report, answer] = stances(
      'The news site Salone Today reported that three nurses at Bo Government Hospital had died of cholera. The hospital’s management denied the report, saying the nurses had died of typhoid.',
    );
    expect(report.actors).toEqual([
      ['Salone Today', 'asserted'],
      ['Bo Government Hospital', 'rejected'],
    ]);
    expect(answer).toEqual({
      text: 'The nurses died of typhoid',
      actors: [['Bo Government Hospital', 'asserted']],
    });
  });
});

describe('inverted and named-audience reporting frames', () => {
  const people = (text: string) =>
    extractCandidates(text).map((candidate) => [
      candidate.text,
      ...candidate.proposedActors.map(({ name, kind, title, country }) => [name, kind, title, country]),
    ]);

  it('reads "P, said Name, an economist at X" with the speaker after an inverted verb', () => {
    expect(
      people(
        'Unemployment rose to 9 percent in March, said Ana Costa, an economist at the Bank of Portugal.',
      ),
    ).toEqual([['Unemployment rose to 9 percent in March', ['Ana Costa', 'person', 'Economist', 'PT']]]);
  });

  it('inverts only verbs of saying: "…, said local officials" but not "…, backed the accusation"', () => {
    expect(people('Ten people died in the landslide near Bukavu, said local officials.')).toEqual([
      ['Ten people died in the landslide near Bukavu', ['Local officials', 'government', null, null]],
    ]);
    const [claim] = extractCandidates(
      'Russian Foreign Minister Sergei Lavrov claimed that Ukraine had supplied drones to rebels in Mali. Officials from Mali and Niger, whose military governments form an alliance, backed the accusation on Monday.',
    );
    expect(claim.proposedActors.map((actor) => [actor.name, actor.stance])).toEqual([
      ['Sergei Lavrov', 'asserted'],
      ['Government of Mali', 'supported'],
      ['Government of Niger', 'supported'],
    ]);
  });

  it('takes a named audience ("told Reuters") for no speaker, and a role phrase in apposition', () => {
    expect(
      people('Sales fell 20 percent in 2024, the company’s finance director, Rui Nunes, told Reuters.'),
    ).toEqual([['Sales fell 20 percent in 2024', ['Rui Nunes', 'person', 'Finance Director', null]]]);
    expect(
      people(
        'Bread prices doubled in Kano in June, Adeyemi Bello, chief economist at Zenith Bank, said on Friday.',
      ),
    ).toEqual([
      ['Bread prices doubled in Kano in June', ['Adeyemi Bello', 'person', 'Chief Economist', null]],
    ]);
  });

  it('reads a name the lists do not know as an outlet when it is described as one', () => {
    expect(
      people(
        'The bridge collapsed in Tamale, killing four people, Joy FM, a private radio station, reported.',
      ),
    ).toEqual([
      ['The bridge collapsed in Tamale, killing four people', ['Joy FM', 'media_outlet', null, null]],
    ]);
  });
});

describe('named ministries and lists of outlets', () => {
  const actorsOf = (text: string) =>
    extractCandidates(text).map((candidate) =>
      candidate.proposedActors.map(({ name, kind, country, stance }) => [name, kind, country, stance]),
    );

  it('reads "the Ministry of X" as that ministry, and a country’s as "Ministry of X of Country"', () => {
    expect(
      actorsOf(
        'The Ministry of Mines said 30 miners died in the collapse of a gold mine near Kenieba, Mali.',
      ),
    ).toEqual([[['Ministry of Mines', 'government', 'ML', 'asserted']]]);
    expect(actorsOf('Uganda’s Ministry of Health said 12 people had died of Ebola in Kampala.')).toEqual([
      [['Ministry of Health of Uganda', 'government', 'UG', 'asserted']],
    ]);
  });

  it('splits two outlets’ names joined by "and", and reads "no such" as a denial of the claim before', () => {
    expect(
      actorsOf(
        'Floods killed 48 people in northern Ghana last week, the National Disaster Management Organisation said. Citi FM and Joy News both carried the figure. Ghana’s Interior Ministry said no such deaths had been recorded.',
      ),
    ).toEqual([
      [
        ['National Disaster Management Organisation', 'organization', 'GH', 'asserted'],
        ['Citi FM', 'media_outlet', 'GH', 'repeated'],
        ['Joy News', 'media_outlet', 'GH', 'repeated'],
        ['Ministry of the Interior of Ghana', 'government', 'GH', 'rejected'],
      ],
    ]);
  });
});

describe('more verbs of taking up, and adverbs in reported speech', () => {
  it('reads "splashed", "featured" as repeating and "slammed" as rejecting a pointer', () => {
    const [claim] = extractCandidates(
      'Floods killed 48 people in northern Ghana last week, the National Disaster Management Organisation said. The Daily Express splashed the figure across its front page. Opposition leader Kofi Mensah slammed the figure as a cover-up. The tabloid Kronen featured the claim on Sunday.',
    );
    expect(claim.proposedActors.map((actor) => [actor.name, actor.stance])).toEqual([
      ['National Disaster Management Organisation', 'asserted'],
      ['Daily Express', 'repeated'],
      ['Kofi Mensah', 'rejected'],
      ['Kronen', 'repeated'],
    ]);
  });

  it('keeps an adverb before the verb when undoing the reported tense', () => {
    const [claim] = extractCandidates(
      'Azerbaijan’s Defence Ministry said its forces had only returned fire near Kalbajar.',
    );
    expect(claim.text).toBe('Azerbaijan’s forces only returned fire near Kalbajar');
  });
});

describe('participles and split quotes around the speaker', () => {
  const stances = (text: string) =>
    extractCandidates(text).map((candidate) => ({
      text: candidate.text,
      actors: candidate.proposedActors.map((actor) => [actor.name, actor.stance]),
    }));

  it('reads ", first reported by X," as X’s report, outside the main clause’s subject', () => {
    expect(
      stances(
        'The claim that 5,000 ballots were burned in Lae, first reported by the website PNG Truth, was dismissed by the Electoral Commission of Papua New Guinea.',
      ),
    ).toEqual([
      {
        text: '5,000 ballots were burned in Lae',
        actors: [
          ['PNG Truth', 'asserted'],
          ['Electoral Commission of Papua New Guinea', 'rejected'],
        ],
      },
    ]);
  });

  it('skips an opening participle phrase and joins a quote split by its speaker', () => {
    expect(
      stances(
        'Speaking to reporters in Lagos, Education Minister Tunji Alausa said 300 schools had been closed.',
      ),
    ).toEqual([{ text: '300 schools were closed', actors: [['Tunji Alausa', 'asserted']] }]);
    expect(
      stances('“Twelve people were killed,” the governor, Ana Lopes, said, “and forty are missing.”'),
    ).toEqual([
      { text: 'Twelve people were killed and forty are missing', actors: [['Ana Lopes', 'asserted']] },
    ]);
  });

  it('proposes no claim for a clause without its subject', () => {
    expect(
      extractClaims('The figure, the ministry said, is consistent with satellite data.').map(
        (claim) => claim.text,
      ),
    ).not.toContain('Is consistent with satellite data');
  });
});

describe('bodies by the place they serve, lists of known bodies, verdicts on estimates', () => {
  const actorsOf = (text: string) =>
    extractCandidates(text).map((candidate) =>
      candidate.proposedActors.map(({ name, kind, country, stance }) => [name, kind, country, stance]),
    );

  it('reads "Police in Nairobi", "health authorities in Lagos" as the country’s police and ministry', () => {
    expect(
      actorsOf('Police in Nairobi said 14 people were killed when a gas cylinder exploded at a market.'),
    ).toEqual([[['Kenyan police', 'government', 'KE', 'asserted']]]);
    expect(actorsOf('Health authorities in Lagos said 14 people had died of cholera in the city.')).toEqual([
      [['Ministry of Health of Nigeria', 'government', 'NG', 'asserted']],
    ]);
  });

  it('splits "the World Health Organization and UNICEF" and reads "wildly optimistic" as a rejection', () => {
    expect(
      actorsOf(
        'Cholera has killed 41 people in Lusaka since October, Zambia’s health ministry said. The World Health Organization and UNICEF both confirmed the toll. Peter Otieno, an economist at the University of Zambia, said the figure was “wildly optimistic”.',
      ),
    ).toEqual([
      [
        ['Ministry of Health of Zambia', 'government', 'ZM', 'asserted'],
        ['World Health Organization', 'organization', null, 'supported'],
        ['UNICEF', 'organization', null, 'supported'],
        ['Peter Otieno', 'person', 'ZM', 'rejected'],
      ],
    ]);
  });
});
