import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { dateTime } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { useNotificationStream } from './use-notification-stream';

export function NotificationBell() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const wrapper = useRef<HTMLDivElement>(null);
  const onArrive = useCallback((text: string) => setAnnouncement(text), []);
  const stream = useNotificationStream(onArrive);

  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => unwrap(api.GET('/v1/notifications', { params: { query: { unread: true, limit: 100 } } })),
  });
  const list = useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: () => unwrap(api.GET('/v1/notifications', { params: { query: { limit: 20 } } })),
    enabled: open,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/notifications/read-all')),
    onSettled: refresh,
  });

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const count = unread.data?.items.length ?? 0;
  const countLabel = count >= 100 ? '99+' : String(count);
  return (
    <div
      className="bell"
      ref={wrapper}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          wrapper.current?.querySelector<HTMLButtonElement>('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls="notification-list"
        onClick={() => setOpen(!open)}
        data-stream={stream}
      >
        Notifications{' '}
        <span className="count" data-testid="unread-count">
          {countLabel}
        </span>
        <span className="visually-hidden"> unread</span>
      </button>
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
      {open && (
        <div id="notification-list" className="dropdown" role="region" aria-label="Notifications">
          <div className="row spread">
            <strong>Notifications</strong>
            <button type="button" className="quiet" onClick={() => readAll.mutate()} disabled={count === 0}>
              Mark all read
            </button>
          </div>
          <ProblemMessage error={list.error ?? markRead.error ?? readAll.error} />
          {list.isPending && <p className="muted">Loading…</p>}
          <ul className="plain">
            {list.data?.items.map((item) => (
              <li key={item.id} className={item.readAt ? 'read' : 'unread'}>
                <p>
                  {item.claimId ? (
                    <Link to={`/claims/${item.claimId}`} onClick={() => setOpen(false)}>
                      {item.text}
                    </Link>
                  ) : (
                    item.text
                  )}
                </p>
                <p className="muted small">
                  {dateTime(item.createdAt)}
                  {!item.readAt && (
                    <button type="button" className="link" onClick={() => markRead.mutate(item.id)}>
                      Mark read
                    </button>
                  )}
                </p>
              </li>
            ))}
            {list.data?.items.length === 0 && <li className="muted">Nothing yet.</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
