import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { dateTime } from '../../components/format';
import { useDeskPeople } from '../../components/desk-people';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';
import { MentionInput } from './mention-input';

export function NotesSection({
  claimId,
  canWrite,
  isEditor,
}: {
  claimId: string;
  canWrite: boolean;
  isEditor: boolean;
}) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const { people } = useDeskPeople(isEditor);
  const notes = useQuery({
    queryKey: ['claim', claimId, 'notes'],
    queryFn: () =>
      unwrap(api.GET('/v1/claims/{id}/notes', { params: { path: { id: claimId }, query: { limit: 100 } } })),
  });
  const add = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/v1/claims/{id}/notes', { params: { path: { id: claimId } }, body: { body } })),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['claim', claimId] });
    },
  });
  return (
    <section aria-labelledby="notes-title" className="card">
      <h2 id="notes-title">Notes</h2>
      <ProblemMessage error={notes.error} />
      <ul className="plain">
        {notes.data?.items.map((note) => (
          <li key={note.id}>
            <strong>{note.author.name}</strong>{' '}
            <span className="muted small">{dateTime(note.createdAt)}</span>
            <p className="note-body">{note.body}</p>
          </li>
        ))}
        {notes.data?.items.length === 0 && <li className="muted">No notes yet.</li>}
      </ul>
      {canWrite && (
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            if (body.trim()) add.mutate();
          }}
          className="stack"
        >
          <label htmlFor="note-body">Add a note (type @ to mention someone)</label>
          <MentionInput
            id="note-body"
            value={body}
            onChange={setBody}
            people={people}
            describedBy={describedBy(add.error, 'body', 'note-body-error')}
          />
          <FieldError error={add.error} field="body" id="note-body-error" />
          <ProblemMessage error={add.error} fields={['body']} />
          <div>
            <button type="submit" disabled={add.isPending || !body.trim()}>
              Add note
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
