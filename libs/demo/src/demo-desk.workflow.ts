/**
 * What the desk did with each demo claim after it was filed, replayed through the real workflow
 * actions so every state, event, notification and webhook delivery is one the API itself would have
 * made. Together they give a newcomer every page with data: claims in every status, overdue work,
 * work for each fact-checker, a published fact-check with a correction, notes with mentions.
 * Verdicts and summaries here are illustrations of the workflow, marked as such.
 */
export type DemoStep =
  | { do: 'triage'; by: string; priority?: 'low' | 'normal' | 'high' | 'urgent'; dueInHours?: number }
  | { do: 'assign'; by: string; to: string }
  | { do: 'start'; by: string }
  | {
      do: 'evidence';
      by: string;
      kind: 'document' | 'official_statement' | 'data' | 'media' | 'expert' | 'report' | 'other';
      relation: 'supports' | 'refutes' | 'context';
      reliability?: 'high' | 'medium' | 'low';
      summary: string;
      url?: string;
    }
  | { do: 'note'; by: string; body: string }
  | {
      do: 'submit';
      by: string;
      verdict: 'true' | 'mostly_true' | 'mixed' | 'misleading' | 'mostly_false' | 'false' | 'unproven';
      summary: string;
      evidenceStatus: 'unverified' | 'unsubstantiated' | 'disputed' | 'corroborated' | 'debunked';
    }
  | { do: 'publish'; by: string }
  | { do: 'reopen'; by: string; reason: string }
  | { do: 'dismiss'; by: string; reason: string };

const EDITOR = 'editor@demo.claimdesk.example.org';
const LUKA = 'luka@demo.claimdesk.example.org';
const ANNA = 'anna@demo.claimdesk.example.org';
const example = (path: string) => `https://news.example.org/${path}`;

/** By demo claim key; a claim without steps stays `submitted` (Lavrov's: the walk-through triages it). */
export const DEMO_WORKFLOWS: Readonly<Record<string, readonly DemoStep[]>> = {
  'sanctions-rumour': [{ do: 'triage', by: EDITOR, priority: 'high', dueInHours: 3 }],
  'kremlin-influence': [
    // Due two days ago: the desk has overdue work to show.
    { do: 'triage', by: EDITOR, priority: 'urgent', dueInHours: -48 },
    { do: 'assign', by: EDITOR, to: LUKA },
  ],
  'colour-revolutions': [
    { do: 'triage', by: EDITOR, priority: 'normal', dueInHours: 30 },
    { do: 'assign', by: EDITOR, to: ANNA },
    { do: 'start', by: ANNA },
    {
      do: 'note',
      by: ANNA,
      body: '@mira the narrative also ran on two regional TV channels; I am collecting the broadcasts. @luka do you have the security-council transcripts?',
    },
  ],
  'refugee-benefits': [
    { do: 'triage', by: EDITOR, priority: 'normal', dueInHours: 20 },
    { do: 'assign', by: EDITOR, to: LUKA },
    { do: 'start', by: LUKA },
    {
      do: 'evidence',
      by: LUKA,
      kind: 'data',
      relation: 'refutes',
      reliability: 'high',
      summary: 'Demo evidence: published benefit tables compared with the average pension.',
      url: example('2022/03/benefit-tables'),
    },
    {
      do: 'submit',
      by: LUKA,
      verdict: 'false',
      summary: 'Demo review: the published tables do not support the comparison.',
      evidenceStatus: 'debunked',
    },
  ],
  'patrushev-visit': [
    { do: 'triage', by: EDITOR, priority: 'normal', dueInHours: 12 },
    { do: 'assign', by: EDITOR, to: LUKA },
    { do: 'start', by: LUKA },
    {
      do: 'evidence',
      by: LUKA,
      kind: 'official_statement',
      relation: 'context',
      reliability: 'medium',
      summary: 'Demo evidence: no announcement of the trip in the official schedules checked.',
      url: example('2022/02/official-schedules'),
    },
    {
      do: 'submit',
      by: LUKA,
      verdict: 'unproven',
      summary: 'Demo review: the visit was reported but not confirmed by either government.',
      evidenceStatus: 'unsubstantiated',
    },
    { do: 'publish', by: EDITOR },
    { do: 'reopen', by: EDITOR, reason: 'Demo correction: a second source was checked after publication.' },
    {
      do: 'submit',
      by: LUKA,
      verdict: 'mostly_false',
      summary:
        'Demo review, corrected: neither side confirmed the visit and the reported date passed without it.',
      evidenceStatus: 'disputed',
    },
    { do: 'publish', by: EDITOR },
  ],
  'church-video': [{ do: 'dismiss', by: EDITOR, reason: 'Demo: an old video already checked elsewhere.' }],
};
