import { randomUUID } from 'node:crypto';
import { ClaimNotificationType, NOTIFICATION_TYPES, NOTIFYING_EVENT_TYPES } from './notification-types';
import {
  claimExcerpt,
  EventFacts,
  notificationText,
  planNotifications,
  webhookDisabledText,
  webhookOwner,
} from './recipients';

const [actor, assignee, submitter, editorA, editorB, mentionedA, mentionedB, other, owner, adminA, adminB] =
  Array.from({ length: 11 }, () => randomUUID());

const facts = (
  type: string,
  payload: Record<string, unknown>,
  extra: Partial<EventFacts> = {},
): EventFacts => ({
  type,
  actorId: actor,
  payload,
  claimAssigneeId: null,
  editorIds: [],
  adminIds: [],
  ...extra,
});

const recipients = (input: EventFacts) =>
  planNotifications(input)
    .map((entry) => entry.recipientId)
    .sort();
const types = (input: EventFacts) => [...new Set(planNotifications(input).map((entry) => entry.type))];

/** The payload WebhookDeliverHandler writes when it disables an endpoint. */
const disabled = (webhookOwner: unknown) => ({
  webhookId: randomUUID(),
  url: 'https://hooks.example.org/claimdesk?token=s3cret',
  owner: webhookOwner,
  reason: 'every delivery failed for 120 h (last: endpoint answered 500)',
});

describe('planNotifications: who hears of what', () => {
  const cases: {
    event: string;
    type: string;
    make: (actorId: string | null) => EventFacts;
    expected: string[];
  }[] = [
    {
      event: 'claim.assigned',
      type: 'claim.assigned',
      make: (actorId) =>
        facts('claim.assigned', { assigneeId: assignee, previousAssigneeId: other }, { actorId }),
      expected: [assignee],
    },
    {
      event: 'claim.sent_back',
      type: 'claim.sent_back',
      make: (actorId) =>
        facts('claim.sent_back', { assigneeId: assignee, comment: 'more sources' }, { actorId }),
      expected: [assignee],
    },
    {
      event: 'claim.evidence_added',
      type: 'claim.evidence_added',
      make: (actorId) =>
        facts('claim.evidence_added', { evidenceId: randomUUID() }, { actorId, claimAssigneeId: assignee }),
      expected: [assignee],
    },
    {
      event: 'claim.stance_removed',
      type: 'claim.stance_removed',
      make: (actorId) =>
        facts(
          'claim.stance_removed',
          { addedBy: { kind: 'user', id: other }, reason: 'parody account' },
          { actorId, claimAssigneeId: assignee },
        ),
      expected: [assignee],
    },
    {
      event: 'claim.evidence_removed',
      type: 'claim.evidence_removed',
      make: (actorId) =>
        facts('claim.evidence_removed', { addedBy: null }, { actorId, claimAssigneeId: assignee }),
      expected: [assignee],
    },
    {
      event: 'claim.due_soon',
      type: 'claim.due_soon',
      make: (actorId) => facts('claim.due_soon', { assigneeId: assignee, dueAt: 'x' }, { actorId }),
      expected: [assignee],
    },
    {
      event: 'claim.overdue',
      type: 'claim.overdue',
      make: (actorId) =>
        facts('claim.overdue', { assigneeId: assignee }, { actorId, editorIds: [editorA, editorB] }),
      expected: [assignee, editorA, editorB],
    },
    {
      event: 'claim.published',
      type: 'claim.published',
      make: (actorId) =>
        facts('claim.published', { submittedBy: submitter, reviewId: randomUUID() }, { actorId }),
      expected: [submitter],
    },
    {
      event: 'claim.note_added',
      type: 'note.mention',
      make: (actorId) =>
        facts('claim.note_added', { noteId: randomUUID(), mentions: [mentionedA, mentionedB] }, { actorId }),
      expected: [mentionedA, mentionedB],
    },
    {
      event: 'webhook.disabled',
      type: 'webhook.disabled',
      make: (actorId) =>
        facts('webhook.disabled', disabled({ kind: 'user', id: owner }), {
          actorId,
          // Admins are read for every event; only a key-owned endpoint tells them.
          adminIds: [adminA, adminB],
        }),
      expected: [owner],
    },
  ];

  it('covers every event type that notifies', () => {
    expect(cases.map((entry) => entry.event).sort()).toEqual([...NOTIFYING_EVENT_TYPES].sort());
    expect(new Set(cases.map((entry) => entry.type))).toEqual(new Set(NOTIFICATION_TYPES));
  });

  describe.each(cases)('$event', ({ make, type, expected }) => {
    it(`notifies ${expected.length} recipient(s) as ${type} when someone else acts`, () => {
      expect(recipients(make(actor))).toEqual([...expected].sort());
      expect(types(make(actor))).toEqual([type]);
    });

    it('notifies the same people when the system acts (no actor)', () => {
      expect(recipients(make(null))).toEqual([...expected].sort());
    });

    it.each(expected.map((id, index) => [index, id]))(
      'never notifies recipient #%i of their own action',
      (_, id) => {
        const planned = recipients(make(id));
        expect(planned).not.toContain(id);
        expect(planned).toEqual(expected.filter((other) => other !== id).sort());
      },
    );
  });

  it('notifies nobody of events that concern no one in particular', () => {
    for (const type of [
      'claim.created',
      'claim.updated',
      'claim.triaged',
      'claim.submitted',
      'claim.reopened',
      'webhook.test',
    ]) {
      expect(
        planNotifications(
          facts(type, { assigneeId: assignee, submittedBy: submitter, mentions: [mentionedA] }),
        ),
      ).toEqual([]);
    }
  });

  it('notifies an assignee who is also an editor once about an overdue claim', () => {
    const planned = planNotifications(
      facts('claim.overdue', { assigneeId: editorA }, { actorId: null, editorIds: [editorA, editorB] }),
    );
    expect(planned.map((entry) => entry.recipientId).sort()).toEqual([editorA, editorB].sort());
  });

  it('does not tell the assignee about evidence they added, nor anyone when the claim is unassigned', () => {
    expect(
      planNotifications(facts('claim.evidence_added', {}, { actorId: assignee, claimAssigneeId: assignee })),
    ).toEqual([]);
    expect(planNotifications(facts('claim.evidence_added', {}, { claimAssigneeId: null }))).toEqual([]);
  });

  it('tells the assignee of a removal only when the remover took away someone else’s work', () => {
    for (const type of ['claim.stance_removed', 'claim.evidence_removed']) {
      const own = facts(type, { addedBy: { kind: 'user', id: actor } }, { claimAssigneeId: assignee });
      expect(planNotifications(own)).toEqual([]);
      const others = facts(type, { addedBy: { kind: 'user', id: other } }, { claimAssigneeId: assignee });
      expect(recipients(others)).toEqual([assignee]);
      expect(planNotifications({ ...others, claimAssigneeId: null })).toEqual([]);
    }
  });

  it('ignores missing and malformed ids in payloads, and repeated mentions', () => {
    expect(planNotifications(facts('claim.assigned', {}))).toEqual([]);
    expect(planNotifications(facts('claim.assigned', { assigneeId: 'not-a-uuid' }))).toEqual([]);
    expect(planNotifications(facts('claim.published', { submittedBy: 42 }))).toEqual([]);
    expect(planNotifications(facts('claim.note_added', { mentions: 'everyone' }))).toEqual([]);
    expect(
      recipients(
        facts('claim.note_added', {
          mentions: [mentionedA, mentionedA.toUpperCase(), null, 'x', mentionedB],
        }),
      ),
    ).toEqual([mentionedA, mentionedB].sort());
  });

  it('tells every active admin, once each, when a newsroom key owned the disabled webhook', () => {
    const event = facts('webhook.disabled', disabled({ kind: 'api_key', id: other }), {
      actorId: null,
      adminIds: [adminA, adminB, adminA.toUpperCase()],
    });
    expect(recipients(event)).toEqual([adminA, adminB].sort());
    expect(types(event)).toEqual(['webhook.disabled']);
    // The key itself has no inbox; with no admin left, nobody is told rather than someone arbitrary.
    expect(recipients({ ...event, adminIds: [] })).toEqual([]);
  });

  it('tells only the owning user, even when that user is an admin too', () => {
    expect(
      recipients(
        facts('webhook.disabled', disabled({ kind: 'user', id: adminA }), {
          actorId: null,
          adminIds: [adminA, adminB],
        }),
      ),
    ).toEqual([adminA]);
  });

  it('tells nobody about a disabled webhook whose payload names no owner it understands', () => {
    for (const badOwner of [
      undefined,
      null,
      'user',
      { kind: 'user' },
      { kind: 'user', id: 'not-a-uuid' },
      { kind: 'team', id: owner },
      { id: owner },
    ]) {
      expect(
        planNotifications(
          facts('webhook.disabled', disabled(badOwner), { actorId: null, adminIds: [adminA] }),
        ),
      ).toEqual([]);
    }
    expect(webhookOwner(disabled({ kind: 'api_key', id: owner.toUpperCase() }))).toEqual({
      kind: 'api_key',
      id: owner.toUpperCase(),
    });
  });

  it('matches the actor regardless of letter case', () => {
    expect(
      planNotifications(
        facts('claim.assigned', { assigneeId: assignee.toUpperCase() }, { actorId: assignee }),
      ),
    ).toEqual([]);
  });
});

describe('notification text', () => {
  const long =
    'Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine, according to several posts shared widely';

  it('names the claim by its first ~80 characters, cut at a word', () => {
    const excerpt = claimExcerpt(long);
    expect(excerpt.length).toBeLessThanOrEqual(81);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(long.startsWith(excerpt.slice(0, -1))).toBe(true);
    expect(claimExcerpt('  short\n claim ')).toBe('short claim');
  });

  it('names the actor, or says it came from the system', () => {
    expect(notificationText('claim.assigned', 'The claim', 'Ana')).toBe('Ana assigned you “The claim”');
    expect(notificationText('note.mention', 'The claim', 'Ana')).toBe(
      'Ana mentioned you in a note on “The claim”',
    );
    expect(notificationText('claim.overdue', 'The claim', null)).toBe('Overdue: “The claim”');
    for (const type of NOTIFICATION_TYPES.filter(
      (type): type is ClaimNotificationType => type !== 'webhook.disabled',
    ))
      expect(notificationText(type, long, 'Ana')).toContain('Mercenaries');
  });

  it('names a disabled webhook by its host only, and says why', () => {
    const payload = disabled({ kind: 'user', id: owner });
    const text = webhookDisabledText(payload, { kind: 'user' });
    expect(text).toBe(
      'Your webhook to hooks.example.org was disabled: every delivery failed for 120 h ' +
        '(last: endpoint answered 500)',
    );
    // Paths and queries may carry a token: they are never shown.
    expect(text).not.toContain('s3cret');
    expect(
      webhookDisabledText({ ...payload, url: 'http://127.0.0.1:8080/hook' }, { kind: 'user' }),
    ).toContain('to 127.0.0.1:8080 was disabled');
  });

  it('tells admins which newsroom key the disabled webhook belonged to', () => {
    const payload = { ...disabled({ kind: 'api_key', id: other }), reason: 'the endpoint answered 410 Gone' };
    expect(webhookDisabledText(payload, { kind: 'api_key', name: 'Daily Planet' })).toBe(
      'The webhook of newsroom key “Daily Planet” to hooks.example.org was disabled: the endpoint answered ' +
        '410 Gone',
    );
    expect(webhookDisabledText(payload, { kind: 'api_key', name: null })).toMatch(
      /^The webhook of a newsroom key to hooks\.example\.org was disabled/,
    );
  });

  it('still tells something when the payload is odd: a bad URL, no reason, a very long reason', () => {
    expect(webhookDisabledText({ url: 'not a url' }, { kind: 'user' })).toBe(
      'Your webhook to an unknown host was disabled: its deliveries kept failing',
    );
    const long = webhookDisabledText(
      { url: 'https://a.example/', reason: `every delivery failed (last: ${'x'.repeat(1000)})` },
      { kind: 'user' },
    );
    expect(long.length).toBeLessThan(300);
    expect(long).toContain('…');
  });
});
