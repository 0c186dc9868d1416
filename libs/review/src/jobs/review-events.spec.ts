import { movesTimers, reviewActsOn } from './review-events';

describe('the events review acts on', () => {
  it('acts on triage, assignment, reopening, send-back and edits, not on creation or publication', () => {
    for (const type of [
      'claim.triaged',
      'claim.assigned',
      'claim.reopened',
      'claim.sent_back',
      'claim.updated',
    ])
      expect({ type, acts: reviewActsOn(type) }).toEqual({ type, acts: true });
    for (const type of ['claim.created', 'claim.published', 'claim.submitted', 'claim.note_added'])
      expect({ type, acts: reviewActsOn(type) }).toEqual({ type, acts: false });
  });

  it('re-sets timers after an edit only when the edit changed the due date', () => {
    const edit = (after: unknown) => ({ type: 'claim.updated', payload: { version: 2, before: {}, after } });
    expect(movesTimers(edit({ dueAt: '2026-12-24T00:00:00.000Z' }))).toBe(true);
    expect(movesTimers(edit({ dueAt: null }))).toBe(true);
    expect(movesTimers(edit({ priority: 'high' }))).toBe(false);
    expect(movesTimers(edit(undefined))).toBe(false);
    expect(movesTimers({ type: 'claim.updated', payload: {} })).toBe(false);
  });

  it('re-sets timers after every assignment, triage, reopening and send-back', () => {
    for (const type of ['claim.triaged', 'claim.assigned', 'claim.reopened', 'claim.sent_back'])
      expect({ type, moves: movesTimers({ type, payload: {} }) }).toEqual({ type, moves: true });
    expect(movesTimers({ type: 'claim.published', payload: {} })).toBe(false);
  });
});
