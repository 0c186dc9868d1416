import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import type { WorkflowAction } from './action-buttons';

type Schemas = components['schemas'];

/** The claim view, with the caller's `allowedActions` and `allowedEdits` as the API serves them. */
export type Claim = Schemas['ClaimView'];
export type ClaimEdit = Claim['allowedEdits'][number];
export type PublishedVersion = Schemas['PublishedVersionView'];

export const claimKey = (id: string) => ['claim', id] as const;

export function useClaim(id: string) {
  return useQuery({
    queryKey: claimKey(id),
    queryFn: () => unwrap(api.GET('/v1/claims/{id}', { params: { path: { id } } })),
    // Opening a claim always asks for its latest version: the desk changes it all day.
    staleTime: 0,
  });
}

export type ActionBody = {
  triage: Schemas['TriageClaimDto'];
  dismiss: Schemas['DismissClaimDto'];
  assign: Schemas['AssignClaimDto'];
  start: undefined;
  submit: Schemas['SubmitReviewDto'];
  send_back: Schemas['SendBackDto'];
  publish: undefined;
  reopen: Schemas['ReopenClaimDto'];
};

/** Runs one workflow action on the version the user saw (If-Match), answering the new claim. */
export function postAction<A extends WorkflowAction>(
  claim: Claim,
  action: A,
  body: ActionBody[A],
): Promise<Claim> {
  const params = { path: { id: claim.id }, header: ifMatch(claim.version) };
  const call = () => {
    switch (action) {
      case 'triage':
        return api.POST('/v1/claims/{id}/triage', { params, body: body as ActionBody['triage'] });
      case 'dismiss':
        return api.POST('/v1/claims/{id}/dismiss', { params, body: body as ActionBody['dismiss'] });
      case 'assign':
        return api.POST('/v1/claims/{id}/assign', { params, body: body as ActionBody['assign'] });
      case 'start':
        return api.POST('/v1/claims/{id}/start', { params, body: {} });
      case 'submit':
        return api.POST('/v1/claims/{id}/submit', { params, body: body as ActionBody['submit'] });
      case 'send_back':
        return api.POST('/v1/claims/{id}/send-back', { params, body: body as ActionBody['send_back'] });
      case 'publish':
        return api.POST('/v1/claims/{id}/publish', { params, body: {} });
      case 'reopen':
        return api.POST('/v1/claims/{id}/reopen', { params, body: body as ActionBody['reopen'] });
    }
    throw new Error(`unknown action ${String(action)}`);
  };
  return unwrap(call() as Promise<{ data?: Claim; error?: unknown; response: Response }>);
}

/** Every published version of the claim, oldest first (a claim has a handful, so one page is all). */
export async function publishedVersions(claimId: string): Promise<PublishedVersion[]> {
  const page = await unwrap(
    api.GET('/v1/claims/{id}/published-versions', {
      params: { path: { id: claimId }, query: { limit: 100 } },
    }),
  );
  return page.items;
}

/** Removes a stance or a piece of evidence, with the reason the history shows. */
export async function removeFromClaim(
  claimId: string,
  kind: 'stances' | 'evidence',
  itemId: string,
  reason?: string,
): Promise<void> {
  const query = reason ? { reason } : {};
  await unwrap(
    kind === 'stances'
      ? api.DELETE('/v1/claims/{id}/stances/{stanceId}', {
          params: { path: { id: claimId, stanceId: itemId }, query },
        })
      : api.DELETE('/v1/claims/{id}/evidence/{evidenceId}', {
          params: { path: { id: claimId, evidenceId: itemId }, query },
        }),
  );
}

export interface ClaimPatch {
  text?: string;
  summary?: string | null;
  tags?: string[];
  priority?: Claim['priority'];
  dueAt?: string | null;
  evidenceStatus?: Claim['evidenceStatus'];
}

export function patchClaim(claim: Claim, body: ClaimPatch): Promise<Claim> {
  return unwrap(
    api.PATCH('/v1/claims/{id}', {
      params: { path: { id: claim.id }, header: ifMatch(claim.version) },
      // The generator renders optional nullable strings as objects; the API takes strings.
      body: body as Schemas['UpdateClaimDto'],
    }),
  );
}

/**
 * Runs a write that depends on the version the user saw. A 412 keeps the user's input where it is,
 * records the version they started from and loads the latest, for the merge prompt to compare.
 */
export function useGuardedWrite(claim: Claim) {
  const queryClient = useQueryClient();
  const [conflictBase, setConflictBase] = useState<Claim | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(write: () => Promise<Claim | void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const updated = await write();
      if (updated) queryClient.setQueryData(claimKey(claim.id), updated);
      await queryClient.invalidateQueries({ queryKey: ['claim', claim.id] });
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
      setConflictBase(null);
      return true;
    } catch (caught) {
      if (caught instanceof ApiProblem && caught.status === 412) {
        setConflictBase(claim);
        await queryClient.invalidateQueries({ queryKey: claimKey(claim.id), exact: true });
      } else {
        setError(caught);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }

  return {
    run,
    busy,
    error,
    conflictBase,
    /** The claim shown is already the latest: close the prompt, the user's draft stays and saves on top. */
    acceptLatest: () => setConflictBase(null),
    clearError: () => setError(null),
  };
}
