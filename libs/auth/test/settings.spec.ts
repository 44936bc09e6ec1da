import { DEFAULT_TOKEN_SECRET, loadAuthSettings } from '../src/settings';

describe('token settings', () => {
  it('read AUTH_TOKEN_SECRET and AUTH_TOKEN_TTL_SECONDS, with development defaults', () => {
    expect(loadAuthSettings({})).toEqual({ tokenSecret: DEFAULT_TOKEN_SECRET, tokenTtlSeconds: 8 * 3600 });
    expect(loadAuthSettings({ AUTH_TOKEN_SECRET: 's3cret', AUTH_TOKEN_TTL_SECONDS: '600' })).toEqual({ tokenSecret: 's3cret', tokenTtlSeconds: 600 });
  });
  it('refuse to run in production with the development secret', () => {
    expect(() => loadAuthSettings({ NODE_ENV: 'production' })).toThrow(/AUTH_TOKEN_SECRET must be set/);
    expect(loadAuthSettings({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 's3cret' }).tokenSecret).toBe('s3cret');
  });
});
