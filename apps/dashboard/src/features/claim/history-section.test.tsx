import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HistoryItem } from './history-section';
import type { HistoryEntry, HistoryEventType } from './history-text';

const ana = { kind: 'user' as const, id: 'u-ana', name: 'Ana Lučić' };
const people: Record<string, string> = { 'u-ana': 'Ana Lučić', 'u-luka': 'Luka Marić', 'u-ivo': 'Ivo Kos' };
const nameOf = (id: string | null | undefined) => (id && people[id]) || 'a desk member';
const at = '2026-11-30T10:00:00.000Z';
const lavrov = { id: 'a1', name: 'Sergey Lavrov', kind: 'person', title: 'Foreign minister', country: 'RU' };
const stance = {
  id: 's1',
  type: 'asserted',
  actor: lavrov,
  createdBy: { kind: 'user' as const, id: 'u-ana' },
};
const evidence = { id: 'e1', kind: 'official_statement', summary: 'Ministry denial', relation: 'refutes' };

/**
 * One entry of every event type the contract lists, with what the desk must read for it. Typed over
 * the union, so an event type added to the API fails the dashboard's type check here too.
 */
const CASES: { [T in HistoryEventType]: [Extract<HistoryEntry, { type: T }>, string, string[]] } = {
  'claim.created': [
    {
      id: '1',
      type: 'claim.created',
      at,
      actor: ana,
      changes: {
        version: 1,
        claim: {
          text: 'Mercenaries are sent',
          summary: null,
          language: 'en',
          tags: ['ukraine'],
          priority: 'high',
          sourceId: null,
        },
        stances: [{ id: 's1', type: 'asserted', actor: lavrov }],
      },
    },
    'Ana Lučić submitted the claim',
    [
      '“Mercenaries are sent”',
      'Tags: ukraine',
      'Priority: high',
      'Sergey Lavrov, Foreign minister (RU) asserted the claim',
    ],
  ],
  'claim.updated': [
    {
      id: '2',
      type: 'claim.updated',
      at,
      actor: ana,
      changes: {
        version: 2,
        before: { priority: 'normal', tags: ['ukraine'], summary: null },
        after: { priority: 'urgent', tags: ['ukraine', 'balkans'], summary: 'Short' },
      },
    },
    'Ana Lučić edited the claim',
    ['Priority: normal → urgent', 'Tags: ukraine → ukraine, balkans', 'Summary: none → “Short”'],
  ],
  'claim.triaged': [
    {
      id: '3',
      type: 'claim.triaged',
      at,
      actor: ana,
      changes: { version: 3, priority: 'urgent', dueAt: null },
    },
    'Ana Lučić triaged the claim',
    ['Priority: urgent', 'No due date'],
  ],
  'claim.assigned': [
    {
      id: '4',
      type: 'claim.assigned',
      at,
      actor: ana,
      changes: {
        version: 4,
        assignmentId: 'x',
        assigneeId: 'u-luka',
        previousAssigneeId: 'u-ivo',
        dueAt: null,
        auto: false,
      },
    },
    'Ana Lučić assigned the claim to Luka Marić',
    ['Previously: Ivo Kos', 'No due date'],
  ],
  'claim.review_started': [
    {
      id: '5',
      type: 'claim.review_started',
      at,
      actor: { kind: 'user', id: 'u-luka', name: 'Luka Marić' },
      changes: { version: 5, assignmentId: 'x', assigneeId: 'u-luka' },
    },
    'Luka Marić started the review',
    [],
  ],
  'claim.submitted': [
    {
      id: '6',
      type: 'claim.submitted',
      at,
      actor: { kind: 'user', id: 'u-luka', name: 'Luka Marić' },
      changes: {
        version: 6,
        reviewId: 'r1',
        round: 2,
        verdict: 'mostly_false',
        evidenceStatus: 'debunked',
        submittedBy: 'u-luka',
      },
    },
    'Luka Marić submitted the review for approval',
    ['Verdict: mostly false', 'Evidence status: debunked', 'Round 2'],
  ],
  'claim.sent_back': [
    {
      id: '7',
      type: 'claim.sent_back',
      at,
      actor: ana,
      changes: { version: 7, reviewId: 'r1', comment: 'Cite the ministry', assigneeId: 'u-luka' },
    },
    'Ana Lučić sent the review back',
    ['Comment: “Cite the ministry”'],
  ],
  'claim.published': [
    {
      id: '8',
      type: 'claim.published',
      at,
      actor: ana,
      changes: {
        version: 8,
        reviewId: 'r2',
        round: 1,
        verdict: 'false',
        submittedBy: 'u-luka',
        correctsReviewId: 'r1',
      },
    },
    'Ana Lučić published a correction',
    ['Verdict: false'],
  ],
  'claim.reopened': [
    {
      id: '9',
      type: 'claim.reopened',
      at,
      actor: ana,
      changes: {
        version: 9,
        reason: 'New footage',
        previousReviewId: 'r2',
        assigneeId: 'u-luka',
        assignmentId: 'x',
        dueAt: null,
      },
    },
    'Ana Lučić reopened the claim for a correction',
    ['Reason: “New footage”', 'Back with Luka Marić'],
  ],
  'claim.dismissed': [
    { id: '10', type: 'claim.dismissed', at, actor: ana, changes: { version: 2, reason: 'Not checkable' } },
    'Ana Lučić dismissed the claim',
    ['Reason: “Not checkable”'],
  ],
  'claim.stance_added': [
    { id: '11', type: 'claim.stance_added', at, actor: ana, changes: { version: 3, stance } },
    'Ana Lučić added a stance',
    ['Sergey Lavrov, Foreign minister (RU) asserted the claim'],
  ],
  'claim.stance_removed': [
    {
      id: '12',
      type: 'claim.stance_removed',
      at,
      actor: ana,
      changes: {
        version: 4,
        stance: { ...stance, type: 'rejected' },
        addedBy: null,
        reason: null,
        assigneeId: null,
      },
    },
    'Ana Lučić removed a stance',
    ['Sergey Lavrov, Foreign minister (RU) rejected the claim', 'No reason given'],
  ],
  'claim.evidence_added': [
    { id: '13', type: 'claim.evidence_added', at, actor: ana, changes: { version: 5, evidence } },
    'Ana Lučić added evidence',
    ['official statement refuting the claim: “Ministry denial”'],
  ],
  'claim.evidence_removed': [
    {
      id: '14',
      type: 'claim.evidence_removed',
      at,
      actor: ana,
      changes: { version: 6, evidence, addedBy: null, reason: 'Duplicate', assigneeId: null },
    },
    'Ana Lučić removed evidence',
    ['official statement refuting the claim: “Ministry denial”', 'Reason: “Duplicate”'],
  ],
  'claim.evidence_status_changed': [
    {
      id: '15',
      type: 'claim.evidence_status_changed',
      at,
      actor: { kind: 'user', id: 'u-luka', name: 'Luka Marić' },
      changes: {
        version: 7,
        from: 'unverified',
        to: 'debunked',
        before: { evidenceStatus: 'unverified' },
        after: { evidenceStatus: 'debunked' },
        reviewId: 'r1',
      },
    },
    'Luka Marić changed the evidence status with the submitted review',
    ['Evidence status: unverified → debunked'],
  ],
  'claim.note_added': [
    {
      id: '16',
      type: 'claim.note_added',
      at,
      actor: ana,
      changes: { noteId: 'n1', mentions: ['u-luka', 'u-gone'] },
    },
    'Ana Lučić added a note',
    ['Mentioning Luka Marić, a desk member'],
  ],
  'claim.due_soon': [
    {
      id: '17',
      type: 'claim.due_soon',
      at,
      actor: null,
      changes: { assignmentId: 'x', assigneeId: 'u-luka', dueAt: at },
    },
    'The review by Luka Marić is due soon',
    [expect.stringMatching(/^Due \S/) as unknown as string],
  ],
  'claim.overdue': [
    {
      id: '18',
      type: 'claim.overdue',
      at,
      actor: null,
      changes: { assignmentId: 'x', assigneeId: 'u-luka', dueAt: at },
    },
    'The review by Luka Marić is overdue',
    [expect.stringMatching(/^Was due \S/) as unknown as string],
  ],
};

describe('the history timeline', () => {
  it.each(Object.entries(CASES))(
    'renders %s as who did what, in words',
    (_type, [entry, summary, details]) => {
      const { container } = render(
        <ol>
          <HistoryItem entry={entry as HistoryEntry} nameOf={nameOf} />
        </ol>,
      );
      const item = container.querySelector(`li[data-event-type="${entry.type}"]`) as HTMLElement;
      expect(within(item).getByText(summary, { selector: 'strong' })).toBeTruthy();
      const lines = within(item)
        .queryAllByRole('listitem')
        .map((line) => line.textContent);
      expect(lines).toEqual(details);
      // Never raw JSON, ids or enumeration keys.
      expect(item.textContent).not.toMatch(/[{}[\]]|"|u-luka|u-ana|r1|mostly_false|official_statement/);
    },
  );

  it('reads an automatic assignment and an entry whose user is unknown', () => {
    const auto: HistoryEntry = {
      id: '19',
      type: 'claim.assigned',
      at,
      actor: null,
      changes: {
        version: 4,
        assignmentId: 'x',
        assigneeId: 'u-gone',
        previousAssigneeId: null,
        dueAt: null,
        auto: true,
      },
    };
    render(
      <ol>
        <HistoryItem entry={auto} nameOf={nameOf} />
      </ol>,
    );
    expect(screen.getByText('The claim was assigned to a desk member automatically')).toBeTruthy();
  });
});
