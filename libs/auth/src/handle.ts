export const HANDLE_PATTERN = /^[a-z0-9_]{2,32}$/;
const MAX_BASE_LENGTH = 28;

/**
 * A mention handle from an e-mail address: the local part, accents dropped, lower case, runs of
 * anything but letters, digits and `_` folded into one `_`. "Ana.Lučić+desk@x.org" → "ana_lucic_desk".
 */
export function handleFromEmail(email: string): string {
  const local = email.split('@')[0] ?? '';
  const base = local
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/_+$/, '');
  return base.length >= 2 ? base : `user_${base}`.replace(/_+$/, '') || 'user';
}

/** The first of `base`, `base_2`, `base_3`, … that is not taken. */
export function firstFreeHandle(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 32 - String(n).length - 1)}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
