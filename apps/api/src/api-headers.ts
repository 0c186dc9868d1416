import type { FastifyInstance, onRequestHookHandler } from 'fastify';

/**
 * What a JSON API's answers need of helmet's headers: no MIME sniffing, HTTPS only, nothing to
 * run, frame or leak a referrer from. Set from one frozen object per request; helmet proper (which
 * builds its middleware on every request) stays for the HTML and docs routes outside `/v1`.
 */
export const API_SECURITY_HEADERS = Object.freeze({
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': `default-src 'none'; frame-ancestors 'none'`,
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
});

const setApiHeaders: onRequestHookHandler = (_request, reply, done) => {
  void reply.headers(API_SECURITY_HEADERS);
  done();
};

/** Must be added before helmet is registered: it turns helmet off for `/v1` routes as they are declared. */
export function useApiSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/') && route.url !== '/v1') return;
    route.helmet = false;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [setApiHeaders, ...existing];
  });
}
