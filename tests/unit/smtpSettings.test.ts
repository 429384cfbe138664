import { DEFAULT_FROM_NAME, smtpSettingsFromEnv } from '../../rules/smtpSettings.js'

describe('smtpSettingsFromEnv', () => {
  it.each<[Record<string, string>, unknown]>([
    [{}, null],
    [{ SMTP_HOST: '  ' }, null],
    [
      { SMTP_HOST: 'mail.example.org' },
      { auth: null, fromAddress: 'cms@localhost', fromName: DEFAULT_FROM_NAME, host: 'mail.example.org', port: 587, secure: false },
    ],
    [
      { SMTP_FROM: 'Cancer CMS <cms@example.org>', SMTP_HOST: 'mail', SMTP_PASS: 's3cret', SMTP_PORT: '465', SMTP_USER: 'cms' },
      { auth: { pass: 's3cret', user: 'cms' }, fromAddress: 'cms@example.org', fromName: 'Cancer CMS', host: 'mail', port: 465, secure: true },
    ],
    [
      { SMTP_FROM: 'cms@example.org', SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525' },
      { auth: null, fromAddress: 'cms@example.org', fromName: DEFAULT_FROM_NAME, host: '127.0.0.1', port: 2525, secure: false },
    ],
    [{ SMTP_HOST: 'mail', SMTP_PASS: 'ignored without a user' }, expect.objectContaining({ auth: null })],
  ])('%p', (env, settings) => {
    expect(smtpSettingsFromEnv(env)).toEqual(settings)
  })

  it.each([
    [{ SMTP_HOST: 'mail', SMTP_PORT: 'smtp' }, /SMTP_PORT/],
    [{ SMTP_HOST: 'mail', SMTP_PORT: '70000' }, /SMTP_PORT/],
    [{ SMTP_FROM: 'not an address', SMTP_HOST: 'mail' }, /SMTP_FROM/],
  ])('refuses %p', (env, message) => {
    expect(() => smtpSettingsFromEnv(env)).toThrow(message)
  })
})
