import type { Verdict } from '@claimdesk/workflow';
import type {
  DeskPerson,
  PublishedAppearance,
  PublishedCorrection,
  PublishedEvidence,
  PublishedStance,
  PublishedVersion,
} from './published-version';

export interface PublishedVersionRow {
  claim_id: string;
  review_id: string;
  version: number;
  published_at: Date;
  /** published_at to the microsecond, for keyset cursors. */
  cursor_at: string;
  language: string;
  text: string;
  summary: string;
  verdict: Verdict;
  rating: number | null;
  evidence_status: string;
  stances: PublishedStance[];
  evidence: PublishedEvidence[];
  appearances: PublishedAppearance[];
  correction: PublishedCorrection | null;
  submitted_by: DeskPerson;
  approved_by: DeskPerson;
}

export const VERSION_COLUMNS = `v.claim_id, v.review_id, v.version, v.published_at,
  to_char(v.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
  v.language, v.text, v.summary, v.verdict, v.rating, v.evidence_status, v.stances, v.evidence,
  v.appearances, v.correction, v.submitted_by, v.approved_by`;

export function toPublishedVersion(row: PublishedVersionRow): PublishedVersion {
  return {
    claimId: row.claim_id,
    reviewId: row.review_id,
    version: row.version,
    publishedAt: row.published_at.toISOString(),
    language: row.language,
    text: row.text,
    summary: row.summary,
    verdict: row.verdict,
    rating: row.rating,
    evidenceStatus: row.evidence_status,
    stances: row.stances,
    evidence: row.evidence,
    appearances: row.appearances,
    correction: row.correction,
    submittedBy: row.submitted_by,
    approvedBy: row.approved_by,
  };
}
