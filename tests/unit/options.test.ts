import { DEFAULT_OPTIONS, sanitizeOptions } from '../../rules/options.js'

describe('sanitizeOptions', () => {
  it('fills in every default', () => {
    const options = sanitizeOptions()
    expect(options.collections).toEqual(DEFAULT_OPTIONS.collections)
    expect(options.dueSoonDays).toBe(14)
    expect(options.fourEyes).toBe(true)
    expect(options.reviewIntervals).toEqual({ annual: 12, biennial: 24, monthly: 1, quarterly: 3, semiannual: 6 })
    expect(options.usersCollection).toBe('users')
    expect(options.now()).toBeInstanceOf(Date)
    expect(options.webhooks).toEqual({
      allowedHosts: [],
      attempts: 5,
      autoRun: true,
      cron: '*/5 * * * * *',
      firstRetryDelayMs: 240_000,
      timeoutMs: 10_000,
    })
  })

  it('keeps the webhook defaults an option leaves out', () => {
    expect(sanitizeOptions({ webhooks: { allowedHosts: ['127.0.0.1'], timeoutMs: 2000 } }).webhooks).toEqual({
      ...DEFAULT_OPTIONS.webhooks,
      allowedHosts: ['127.0.0.1'],
      timeoutMs: 2000,
    })
  })

  it('keeps the defaults an option leaves out, or gives as undefined', () => {
    const options = sanitizeOptions({
      collections: { articles: 'pages', sources: undefined },
      reviewIntervals: { annual: 18, monthly: undefined },
    })
    expect(options.collections).toEqual({ ...DEFAULT_OPTIONS.collections, articles: 'pages' })
    expect(options.reviewIntervals).toEqual({ annual: 18, biennial: 24, monthly: 1, quarterly: 3, semiannual: 6 })
  })

  it('takes an injected clock', () => {
    const now = () => new Date('2030-01-01T00:00:00Z')
    expect(sanitizeOptions({ now }).now()).toEqual(new Date('2030-01-01T00:00:00Z'))
  })

  it.each([
    [{ dueSoonDays: -1 }, 'dueSoonDays'],
    [{ dueSoonDays: 1.5 }, 'dueSoonDays'],
    [{ fourEyes: 'yes' }, 'fourEyes'],
    [{ reviewIntervals: { weekly: 1 } }, 'reviewIntervals'],
    [{ reviewIntervals: { annual: 0 } }, 'reviewIntervals.annual'],
    [{ collections: { articles: 'Articles!' } }, 'collections.articles'],
    [{ usersCollection: '' }, 'usersCollection'],
    [{ now: 'tomorrow' }, 'now'],
    [{ unknownOption: true }, 'options'],
    [{ webhooks: { attempts: 0 } }, 'webhooks.attempts'],
    [{ webhooks: { timeoutMs: 10 } }, 'webhooks.timeoutMs'],
    [{ webhooks: { allowedHosts: [''] } }, 'webhooks.allowedHosts.0'],
    [{ webhooks: { cron: 'often' } }, 'webhooks.cron'],
    [{ webhooks: { retries: 3 } }, 'webhooks'],
  ])('refuses %p, naming %s', (options, path) => {
    expect(() => sanitizeOptions(options)).toThrow(/^\[cancer-content\] invalid plugin options: /)
    expect(() => sanitizeOptions(options)).toThrow(path)
  })

  it('refuses two collections with one slug', () => {
    expect(() => sanitizeOptions({ collections: { sources: 'articles' } })).toThrow(
      '[cancer-content] invalid plugin options: collection slug "articles" is used twice',
    )
  })
})
