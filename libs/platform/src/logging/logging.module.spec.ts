import { redactRequest, withoutQueryTokens } from './logging.module';

describe('withoutQueryTokens', () => {
  it('hides token values in the query and keeps everything else', () => {
    expect(withoutQueryTokens('/v1/notifications/stream?token=eyJabc.def&x=1')).toBe(
      '/v1/notifications/stream?token=[redacted]&x=1',
    );
    expect(withoutQueryTokens('/admin/queues?a=1&TOKEN=secret#frag')).toBe(
      '/admin/queues?a=1&TOKEN=[redacted]#frag',
    );
    expect(withoutQueryTokens('/v1/claims?q=token')).toBe('/v1/claims?q=token');
    expect(withoutQueryTokens('/x?refresh_token=a&client_secret=b&access%5Fkey=c')).toBe(
      '/x?refresh_token=[redacted]&client_secret=[redacted]&access%5Fkey=[redacted]',
    );
  });
});

describe('redactRequest', () => {
  it('redacts credential-like query fields and headers, and keeps the rest', () => {
    const logged = redactRequest({
      url: '/v1/notifications/stream?token=abc&api_key=k&limit=5',
      query: { token: 'abc', api_key: 'k', clientSecret: 's', limit: '5' },
      headers: {
        authorization: 'Bearer x',
        cookie: 'claimdesk_refresh=crt_x',
        'x-csrf-token': 'c',
        'X-Api-Key': 'ck_x',
        accept: 'application/json',
      },
    });
    expect(logged).toEqual({
      url: '/v1/notifications/stream?token=[redacted]&api_key=[redacted]&limit=5',
      query: { token: '[redacted]', api_key: '[redacted]', clientSecret: '[redacted]', limit: '5' },
      headers: {
        authorization: '[redacted]',
        cookie: '[redacted]',
        'x-csrf-token': '[redacted]',
        'X-Api-Key': '[redacted]',
        accept: 'application/json',
      },
    });
  });

  it('leaves requests without query or headers alone', () => {
    expect(redactRequest({ url: '/health/live' })).toEqual({ url: '/health/live' });
  });
});
