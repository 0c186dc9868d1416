/**
 * Widening for what the contracts (C1 edits, C2 published versions, C3 cookie sessions) promise and the
 * API on this branch does not serve yet. Delete this file once the served OpenAPI document carries them
 * and `npm run dashboard:schema` has regenerated schema.d.ts; the compiler then names every use to fix.
 */
import { rawJson } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

export const CLAIM_EDITS = [
  'text',
  'summary',
  'tags',
  'priority',
  'dueAt',
  'evidenceStatus',
  'stances',
  'evidence',
  'notes',
] as const;
export type ClaimEdit = (typeof CLAIM_EDITS)[number];

/** C1: the claim view with `allowedEdits`. */
export type Claim = Schemas['ClaimView'] & { allowedEdits?: ClaimEdit[] };

/** C1: until the API lists them, the edits API.md's "who may edit what" gives an editor or the assignee. */
export function allowedEditsOf(claim: Claim): readonly ClaimEdit[] {
  if (claim.allowedEdits) return claim.allowedEdits;
  const open = ['submitted', 'triaged', 'assigned', 'in_review'].includes(claim.status);
  return open ? CLAIM_EDITS : ['notes'];
}

/** C2: one published version of a claim. */
export interface PublishedVersion {
  version: number;
  publishedAt: string;
  text: string;
  summary: string | null;
  verdict: string;
  rating: number | null;
  evidenceStatus: string;
  stances: {
    type: string;
    quote: string | null;
    statedAt: string | null;
    sourceUrl: string | null;
    actor: { id: string; name: string; kind: string; title: string | null; country: string | null };
  }[];
  evidence: {
    kind: string;
    summary: string;
    url: string | null;
    relation: string;
    reliability: string | null;
  }[];
  correction: null | {
    reason: string;
    previousVerdict: string | null;
    previousRating: number | null;
    previousPublishedAt: string | null;
  };
  submittedBy?: { id: string; name: string };
  approvedBy?: { id: string; name: string };
}

export async function publishedVersions(claimId: string): Promise<PublishedVersion[]> {
  const { data } = await rawJson<{ items: PublishedVersion[] }>(
    'GET',
    `/v1/claims/${encodeURIComponent(claimId)}/published-versions?limit=100`,
  );
  return data.items;
}

/** C3: login with a browser session, refresh and logout by cookie + CSRF header. */
export type LoginBody = Schemas['LoginDto'] & { session?: 'token' | 'cookie' };
export type SessionAnswer = { accessToken: string; expiresIn: number; user: Schemas['UserView'] };

export async function refreshByCookie(csrf: string): Promise<SessionAnswer> {
  const { data } = await rawJson<SessionAnswer>('POST', '/v1/auth/refresh', {}, { 'X-CSRF-Token': csrf });
  return data;
}

export async function logoutByCookie(csrf: string): Promise<void> {
  await rawJson('POST', '/v1/auth/logout', {}, { 'X-CSRF-Token': csrf });
}

/** C1: removing a stance or evidence with an optional reason. */
export async function removeFromClaim(
  claimId: string,
  kind: 'stances' | 'evidence',
  itemId: string,
  reason?: string,
) {
  const query = reason ? `?reason=${encodeURIComponent(reason)}` : '';
  await rawJson(
    'DELETE',
    `/v1/claims/${encodeURIComponent(claimId)}/${kind}/${encodeURIComponent(itemId)}${query}`,
  );
}
