import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ClaimEventType, CLAIM_EVENT_TYPES } from '../event-types';

/*
 * The OpenAPI description of a claim's history entries: one schema per claim event type, its
 * `changes` as `EventPayloads` gives them, discriminated by `type`. The record below is over every
 * claim event type, so a new one does not compile until it is described here, and the generated
 * client's union then breaks any dashboard that does not render it.
 *
 * Fields that only the desk sees are optional: newsroom keys get the public part of each event
 * (claim-visibility.ts), and some events (notes, timers, evidence status) not at all.
 */

const string: SchemaObject = { type: 'string' };
const nullableString: SchemaObject = { type: 'string', nullable: true };
const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const nullableUuid: SchemaObject = { type: 'string', format: 'uuid', nullable: true };
const dateTime: SchemaObject = { type: 'string', format: 'date-time', nullable: true };
const fields: SchemaObject = { type: 'object', additionalProperties: true };

const object = (properties: Record<string, SchemaObject>, required: string[]): SchemaObject => ({
  type: 'object',
  properties,
  required,
});

const creator: SchemaObject = {
  ...object({ kind: { type: 'string', enum: ['user', 'api_key'] }, id: uuid }, ['kind', 'id']),
  nullable: true,
  description: 'Who had added it (desk only).',
};

const actor = object(
  { id: uuid, name: string, kind: string, title: nullableString, country: nullableString },
  ['id', 'name', 'kind'],
);
const stance = object({ id: uuid, type: string, actor, createdBy: creator }, ['id', 'type', 'actor']);
const evidence = object({ id: uuid, kind: string, summary: string, relation: string, createdBy: creator }, [
  'id',
  'kind',
  'summary',
  'relation',
]);

/** `version` is the claim's version after the change; every claim change but notes and timers has it. */
const versioned = (properties: Record<string, SchemaObject>, required: string[] = []): SchemaObject =>
  object({ version: { type: 'integer', minimum: 1 }, ...properties }, ['version', ...required]);

const removal = {
  addedBy: creator,
  reason: { ...nullableString, description: 'Why it was removed (desk only).' },
  assigneeId: nullableUuid,
};

const timer = object(
  { assignmentId: uuid, assigneeId: uuid, dueAt: { type: 'string', format: 'date-time' } },
  ['assignmentId', 'assigneeId', 'dueAt'],
);

export const HISTORY_CHANGES: Record<ClaimEventType, SchemaObject> = {
  'claim.created': versioned(
    {
      claim: object(
        {
          text: string,
          summary: nullableString,
          language: string,
          tags: { type: 'array', items: string },
          priority: string,
          sourceId: nullableUuid,
        },
        ['text'],
      ),
      stances: { type: 'array', items: object({ id: uuid, type: string, actor }, ['id', 'type', 'actor']) },
    },
    ['claim', 'stances'],
  ),
  'claim.updated': versioned(
    {
      before: { ...fields, description: 'The changed fields as they were.' },
      after: { ...fields, description: 'The changed fields as they are now.' },
    },
    ['before', 'after'],
  ),
  'claim.triaged': versioned({ priority: string, dueAt: dateTime }),
  'claim.assigned': versioned({
    assignmentId: uuid,
    assigneeId: uuid,
    previousAssigneeId: nullableUuid,
    dueAt: dateTime,
    auto: { type: 'boolean', description: 'Assigned by the auto-assigner or Take next.' },
  }),
  'claim.review_started': versioned({ assignmentId: uuid, assigneeId: nullableUuid }),
  'claim.submitted': versioned({
    reviewId: uuid,
    round: { type: 'integer' },
    verdict: string,
    evidenceStatus: string,
    submittedBy: uuid,
  }),
  'claim.sent_back': versioned({ reviewId: uuid, comment: string, assigneeId: nullableUuid }),
  'claim.published': versioned({
    reviewId: uuid,
    round: { type: 'integer' },
    verdict: string,
    submittedBy: uuid,
    correctsReviewId: { ...nullableUuid, description: 'The review this publication corrects.' },
    publishedVersion: { ...fields, description: 'The published version (newsroom keys only).' },
  }),
  'claim.reopened': versioned({
    reason: string,
    previousReviewId: nullableUuid,
    assigneeId: nullableUuid,
    assignmentId: nullableUuid,
    dueAt: dateTime,
  }),
  'claim.dismissed': versioned({ reason: string }),
  'claim.stance_added': versioned({ stance }, ['stance']),
  'claim.stance_removed': versioned({ stance, ...removal }, ['stance']),
  'claim.evidence_added': versioned({ evidence }, ['evidence']),
  'claim.evidence_removed': versioned({ evidence, ...removal }, ['evidence']),
  'claim.evidence_status_changed': versioned(
    {
      from: string,
      to: string,
      before: fields,
      after: fields,
      reviewId: { ...uuid, description: 'Set when a submitted review changed it.' },
    },
    ['from', 'to'],
  ),
  'claim.note_added': object({ noteId: uuid, mentions: { type: 'array', items: uuid } }, [
    'noteId',
    'mentions',
  ]),
  'claim.due_soon': timer,
  'claim.overdue': timer,
};

/** A history entry of any claim event, told apart by `type`; `actorRef` is the schema of who did it. */
export function historyEntrySchema(actorRef: string): SchemaObject {
  return {
    oneOf: CLAIM_EVENT_TYPES.map((type) =>
      object(
        {
          id: { type: 'string', example: '42', description: 'The event id; increases with time.' },
          type: { type: 'string', enum: [type] },
          at: { type: 'string', format: 'date-time' },
          actor: { allOf: [{ $ref: actorRef }], nullable: true } as SchemaObject,
          changes: HISTORY_CHANGES[type],
        },
        ['id', 'type', 'at', 'actor', 'changes'],
      ),
    ),
    discriminator: { propertyName: 'type' },
  };
}
