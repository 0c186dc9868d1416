/**
 * The demo desk: a handful of claims from the Balkans around the start of Russia's full-scale war on
 * Ukraine, the people, governments and outlets behind them, and a small team to work on them.
 *
 * The shapes follow the public contract (API.md, `POST /v1/claims` and `POST /v1/users`) so the
 * loader can hand them to the same services the API calls. Source URLs sit on placeholder domains:
 * they show what a record looks like and are not references to real articles. Days of the month
 * are illustrative; the month and the people are those of the reported events. No stance carries a
 * `quote`: words we cannot check against a source are not put in anyone's mouth.
 */

export type DemoActorKind = 'person' | 'government' | 'organization' | 'media_outlet' | 'group';
export type DemoStanceType = 'asserted' | 'repeated' | 'supported' | 'rejected';
export type DemoPriority = 'low' | 'normal' | 'high' | 'urgent';
export type DemoEvidenceStatus = 'unverified' | 'unsubstantiated' | 'disputed' | 'corroborated' | 'debunked';
export type DemoRole = 'admin' | 'editor' | 'fact_checker';

export interface DemoActor {
  name: string;
  kind: DemoActorKind;
  title?: string;
  country?: string;
  aliases?: string[];
}

export interface DemoStance {
  actor: DemoActor;
  type: DemoStanceType;
  statedAt: string;
  quote?: string;
  sourceUrl?: string;
}

export interface DemoClaim {
  /** Stable key of the demo record: the loader finds the claim by it, whatever was edited since. */
  key: string;
  text: string;
  summary: string;
  language: string;
  tags: string[];
  priority: DemoPriority;
  evidenceStatus: DemoEvidenceStatus;
  source: { url: string; title: string; outlet: string; publishedAt: string };
  stances: DemoStance[];
}

export interface DemoUser {
  email: string;
  name: string;
  /** For @mentions in notes. */
  handle: string;
  password: string;
  roles: DemoRole[];
  expertise: string[];
}

/** Every demo claim carries this tag, so the desk can be told apart from real work and found again. */
export const DEMO_TAG = 'demo';

/** One password for every demo login, printed by `npm run start:demo`. Never use it outside a demo. */
export const DEMO_PASSWORD = 'claimdesk-demo';

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'admin@demo.claimdesk.example.org',
    name: 'Desk Admin',
    handle: 'desk_admin',
    password: DEMO_PASSWORD,
    roles: ['admin'],
    expertise: [],
  },
  {
    email: 'editor@demo.claimdesk.example.org',
    name: 'Mira Kovac',
    handle: 'mira',
    password: DEMO_PASSWORD,
    roles: ['editor'],
    expertise: ['balkans', 'ukraine'],
  },
  {
    email: 'luka@demo.claimdesk.example.org',
    name: 'Luka Petrovic',
    handle: 'luka',
    password: DEMO_PASSWORD,
    roles: ['fact_checker'],
    expertise: ['balkans', 'security'],
  },
  {
    email: 'anna@demo.claimdesk.example.org',
    name: 'Anna Sokolova',
    handle: 'anna',
    password: DEMO_PASSWORD,
    roles: ['fact_checker'],
    expertise: ['russia', 'media'],
  },
];

/** The demo user the loader acts as when it files the claims: claims are filed by editors and fact-checkers. */
export const DEMO_FILER_EMAIL = 'editor@demo.claimdesk.example.org';

const actors = {
  lavrov: {
    name: 'Sergei Lavrov',
    kind: 'person',
    title: 'Minister of Foreign Affairs of Russia',
    country: 'Russia',
    aliases: ['Sergey Lavrov'],
  },
  patrushev: {
    name: 'Nikolai Patrushev',
    kind: 'person',
    title: 'Secretary of the Security Council of Russia',
    country: 'Russia',
    aliases: ['Nikolay Patrushev'],
  },
  albania: { name: 'Government of Albania', kind: 'government', country: 'Albania' },
  kosovo: { name: 'Government of Kosovo', kind: 'government', country: 'Kosovo' },
  bosnia: {
    name: 'Government of Bosnia and Herzegovina',
    kind: 'government',
    country: 'Bosnia and Herzegovina',
    aliases: ['Council of Ministers of Bosnia and Herzegovina'],
  },
  russia: {
    name: 'Government of Russia',
    kind: 'government',
    country: 'Russia',
    aliases: ['the Kremlin', 'Moscow'],
  },
  serbianStateMedia: { name: 'Serbian state-controlled media', kind: 'media_outlet', country: 'Serbia' },
  serbianProGovernmentMedia: {
    name: 'Serbian pro-government media',
    kind: 'media_outlet',
    country: 'Serbia',
  },
  russianSecurityOfficials: { name: 'Russian security officials', kind: 'group', country: 'Russia' },
  serbianSecurityOfficials: { name: 'Serbian security officials', kind: 'group', country: 'Serbia' },
  westernOfficials: { name: 'Western government officials', kind: 'group' },
  anonymousChannels: { name: 'Anonymous social media channels', kind: 'group' },
} satisfies Record<string, DemoActor>;

const source = (path: string) => `https://news.example.org/${path}`;

export const DEMO_CLAIMS: readonly DemoClaim[] = [
  {
    key: 'lavrov-mercenaries',
    text: 'Mercenaries from Albania, Kosovo and Bosnia are being sent to Ukraine to fight against the pro-Russian rebels in the east.',
    summary:
      "Russia's foreign minister said fighters recruited in three Balkan countries were on their way to join Ukrainian forces in Donbas. No evidence was offered, and all three governments denied it.",
    language: 'en',
    tags: [DEMO_TAG, 'balkans', 'ukraine', 'mercenaries'],
    priority: 'high',
    evidenceStatus: 'unsubstantiated',
    source: {
      url: source('2022/02/lavrov-balkan-mercenaries-donbas'),
      title: 'Lavrov alleges Balkan fighters are heading to Donbas',
      outlet: 'Example Balkan Wire',
      publishedAt: '2022-02-18T10:00:00Z',
    },
    stances: [
      {
        actor: actors.lavrov,
        type: 'asserted',
        statedAt: '2022-02-17T12:00:00Z',
        sourceUrl: source('2022/02/lavrov-balkan-mercenaries-donbas'),
      },
      {
        actor: actors.serbianStateMedia,
        type: 'repeated',
        statedAt: '2022-02-18T08:00:00Z',
        sourceUrl: 'https://tv.example.net/2022/02/balkan-fighters-ukraine',
      },
      {
        actor: actors.albania,
        type: 'rejected',
        statedAt: '2022-02-18T15:00:00Z',
        sourceUrl: source('2022/02/albania-rejects-mercenary-claim'),
      },
      {
        actor: actors.kosovo,
        type: 'rejected',
        statedAt: '2022-02-18T16:00:00Z',
        sourceUrl: source('2022/02/kosovo-rejects-mercenary-claim'),
      },
      {
        actor: actors.bosnia,
        type: 'rejected',
        statedAt: '2022-02-19T09:00:00Z',
        sourceUrl: source('2022/02/bosnia-rejects-mercenary-claim'),
      },
    ],
  },
  {
    key: 'patrushev-visit',
    text: 'Nikolai Patrushev, secretary of the Russian Security Council, will visit Belgrade for talks with President Aleksandar Vucic.',
    summary:
      "Pro-government outlets in Serbia announced an upcoming visit by the head of Russia's Security Council. Moscow had not announced any such trip, so the visit is still to be confirmed.",
    language: 'en',
    tags: [DEMO_TAG, 'serbia', 'russia', 'security'],
    priority: 'normal',
    evidenceStatus: 'unverified',
    source: {
      url: source('2022/02/patrushev-belgrade-visit-reported'),
      title: 'Serbian outlets report a Patrushev visit that Moscow has not announced',
      outlet: 'Example Balkan Wire',
      publishedAt: '2022-02-21T09:30:00Z',
    },
    stances: [
      {
        actor: actors.serbianProGovernmentMedia,
        type: 'asserted',
        statedAt: '2022-02-20T18:00:00Z',
        sourceUrl: 'https://daily.example.net/2022/02/patrushev-to-meet-vucic',
      },
    ],
  },
  {
    key: 'colour-revolutions',
    text: '"Colour revolutions" are instruments the West uses to destabilise sovereign states.',
    summary:
      'Security officials in Moscow and Belgrade presented street protests and "colour revolutions" as operations run from the West to topple governments.',
    language: 'en',
    tags: [DEMO_TAG, 'russia', 'serbia', 'security', 'narratives'],
    priority: 'normal',
    evidenceStatus: 'unsubstantiated',
    source: {
      url: source('2022/02/colour-revolutions-narrative'),
      title: 'Moscow and Belgrade security officials warn of "colour revolutions"',
      outlet: 'Example Balkan Wire',
      publishedAt: '2022-02-22T11:00:00Z',
    },
    stances: [
      {
        actor: actors.russianSecurityOfficials,
        type: 'asserted',
        statedAt: '2022-02-21T10:00:00Z',
        sourceUrl: source('2022/02/colour-revolutions-narrative'),
      },
      {
        actor: actors.serbianSecurityOfficials,
        type: 'supported',
        statedAt: '2022-02-21T14:00:00Z',
        sourceUrl: source('2022/02/colour-revolutions-narrative'),
      },
      {
        actor: actors.serbianStateMedia,
        type: 'repeated',
        statedAt: '2022-02-22T07:00:00Z',
        sourceUrl: 'https://tv.example.net/2022/02/colour-revolutions',
      },
    ],
  },
  {
    key: 'kremlin-influence',
    text: 'The Kremlin is exerting malign influence in the Balkans.',
    summary:
      'Western officials accused Russia of working to destabilise the Western Balkans through media and political allies; Moscow denied any such influence.',
    language: 'en',
    tags: [DEMO_TAG, 'balkans', 'russia', 'influence'],
    priority: 'normal',
    evidenceStatus: 'disputed',
    source: {
      url: source('2022/02/western-officials-kremlin-balkans'),
      title: 'Western officials warn of Kremlin influence in the Balkans; Moscow denies it',
      outlet: 'Example Balkan Wire',
      publishedAt: '2022-02-23T13:00:00Z',
    },
    stances: [
      {
        actor: actors.westernOfficials,
        type: 'asserted',
        statedAt: '2022-02-22T16:00:00Z',
        sourceUrl: source('2022/02/western-officials-kremlin-balkans'),
      },
      {
        actor: actors.russia,
        type: 'rejected',
        statedAt: '2022-02-23T09:00:00Z',
        sourceUrl: source('2022/02/moscow-denies-balkan-interference'),
      },
    ],
  },
  // Claims from anonymous online sources: they give the desk work in the remaining states without putting
  // words in the mouth of any real person.
  {
    key: 'sanctions-rumour',
    text: 'Serbia will impose sanctions on Russia next month.',
    summary:
      'Anonymous channels circulated a date for Serbian sanctions on Russia; no government source announced one.',
    language: 'en',
    tags: [DEMO_TAG, 'serbia', 'russia', 'sanctions'],
    priority: 'high',
    evidenceStatus: 'unverified',
    source: {
      url: source('2022/03/serbia-sanctions-rumour'),
      title: 'A date for Serbian sanctions on Russia circulates online',
      outlet: 'Example Balkan Wire',
      publishedAt: '2022-03-02T10:00:00Z',
    },
    stances: [{ actor: actors.anonymousChannels, type: 'asserted', statedAt: '2022-03-01T20:00:00Z' }],
  },
  {
    key: 'refugee-benefits',
    text: 'Refugees from Ukraine in Serbia receive higher benefits than Serbian pensioners.',
    summary: 'A viral post compared support for refugees from Ukraine with Serbian pensions.',
    language: 'en',
    tags: [DEMO_TAG, 'serbia', 'ukraine', 'media'],
    priority: 'normal',
    evidenceStatus: 'unverified',
    source: {
      url: source('2022/03/refugee-benefits-post'),
      title: 'A viral post about refugee benefits in Serbia',
      outlet: 'Example Balkan Wire',
      publishedAt: '2022-03-05T08:00:00Z',
    },
    stances: [{ actor: actors.anonymousChannels, type: 'asserted', statedAt: '2022-03-04T18:00:00Z' }],
  },
  {
    key: 'church-video',
    text: 'A video shows a church in Kosovo set on fire last week.',
    summary: 'A video shared as recent footage of a church fire in Kosovo.',
    language: 'en',
    tags: [DEMO_TAG, 'kosovo', 'media'],
    priority: 'low',
    evidenceStatus: 'unverified',
    source: {
      url: source('2022/03/church-video'),
      title: 'An old video shared as new',
      outlet: 'Example Balkan Wire',
      publishedAt: '2022-03-06T12:00:00Z',
    },
    stances: [{ actor: actors.anonymousChannels, type: 'repeated', statedAt: '2022-03-06T09:00:00Z' }],
  },
];
