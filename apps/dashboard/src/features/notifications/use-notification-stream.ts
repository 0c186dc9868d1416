import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { connection } from '../../api/connection';
import { session } from '../../api/session';
import { createSseParser } from './sse';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows GET /v1/notifications/stream with the session's token (fetch, so the Authorization and
 * Last-Event-ID headers can be sent), refreshes the notification queries on each event, and
 * reconnects with backoff after a drop, asking for what it missed.
 */
export function useNotificationStream(onArrive?: (text: string) => void): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => {
    let stopped = false;
    let lastEventId: string | undefined;
    let attempt = 0;
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    async function open() {
      controller = new AbortController();
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (session.token) headers.authorization = `Bearer ${session.token}`;
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const response = await fetch('/v1/notifications/stream', { headers, signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        connection.markOnline();
        setState('live');
        attempt = 0;
        const parse = createSseParser((event) => {
          if (event.id) lastEventId = event.id;
          void queryClient.invalidateQueries({ queryKey: ['notifications'] });
          try {
            onArrive?.(String((JSON.parse(event.data) as { text?: string }).text ?? 'New notification'));
          } catch {
            onArrive?.('New notification');
          }
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parse(value);
        }
      } catch (error) {
        if (stopped) return;
        if (error instanceof TypeError) connection.markOffline();
      }
      if (stopped) return;
      setState('reconnecting');
      attempt++;
      timer = setTimeout(() => void open(), Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
    }

    void open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
    };
  }, [queryClient, onArrive]);
  return state;
}
