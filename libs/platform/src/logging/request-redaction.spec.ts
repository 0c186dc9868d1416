import { withoutQueryTokens, withoutSecretFields, withoutSecretHeaders } from './request-redaction';

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

describe('withoutSecretFields', () => {
  it('redacts credential-like fields and keeps the rest', () => {
    expect(withoutSecretFields({ token: 'abc', api_key: 'k', clientSecret: 's', limit: '5' })).toEqual({
      token: '[redacted]',
      api_key: '[redacted]',
      clientSecret: '[redacted]',
      limit: '5',
    });
    expect(withoutSecretFields(undefined)).toBeUndefined();
  });
});

describe('withoutSecretHeaders', () => {
  it('redacts credential headers whatever their case, and keeps the rest', () => {
    expect(
      withoutSecretHeaders({
        authorization: 'Bearer x',
        cookie: 'claimdesk_refresh=crt_x',
        'x-csrf-token': 'c',
        'X-Api-Key': 'ck_x',
        'set-cookie': ['a=b'],
        accept: 'application/json',
      }),
    ).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-csrf-token': '[redacted]',
      'X-Api-Key': '[redacted]',
      'set-cookie': '[redacted]',
      accept: 'application/json',
    });
  });
});
