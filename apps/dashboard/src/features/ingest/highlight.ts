export interface Span {
  start: number;
  end: number;
  id: string;
}

export type Piece = { text: string; id?: string };

/** Cuts the article into plain text and the candidates' sentences (by their offsets), in order. */
export function highlightPieces(text: string, spans: readonly Span[]): Piece[] {
  const sorted = [...spans].filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    if (span.start > at) pieces.push({ text: text.slice(at, span.start) });
    pieces.push({ text: text.slice(span.start, span.end), id: span.id });
    at = span.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}
