export interface SseEvent {
  id?: string;
  data: string;
}

/** Splits a text/event-stream into events; comment lines (heartbeats) are skipped. */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        if (field === 'data') data.push(value);
      }
      if (data.length) onEvent({ id, data: data.join('\n') });
    }
  };
}
