/**
 * The key under which a source URL is stored, so that links differing only in ways that never
 * change the page (scheme/host case, a default port, a fragment, a trailing slash, utm_* tracking
 * parameters) name one source. The path and the other query parameters are kept as written: they
 * are case-sensitive and their order may matter to the site. Returns null for anything that is not
 * an absolute http(s) URL.
 */
export function normaliseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  // WHATWG URL parsing already lower-cases the scheme and host and drops a default port.
  const credentials = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const path = url.pathname.replace(/\/+$/, '');
  const query = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParameter(pair))
    .join('&');
  return `${url.protocol}//${credentials}${url.host}${path}${query ? `?${query}` : ''}`;
}

function isTrackingParameter(pair: string): boolean {
  const name = pair.split('=')[0];
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // a malformed escape is simply not a utm_ parameter
  }
  return decoded.toLowerCase().startsWith('utm_');
}
