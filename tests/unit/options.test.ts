import { readFileSync } from 'node:fs'
import path from 'node:path'

import { DEFAULT_OPTIONS, optionsSchema, pluginOptionsOf, sanitizeOptions } from '../../rules/options.js'

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

describe("the README's options table", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
  const table = readme.slice(readme.indexOf('| option | default | meaning |')).split('\n\n')[0] ?? ''
  const rows = new Map(
    table
      .split('\n')
      .slice(2)
      .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| /, '')))
      .map(([name = '', value = '']) => [name.replace(/`/g, ''), value] as const),
  )

  // A default as the table writes it: 'text', numbers and booleans as they are, [] for an empty list.
  const written = (value: unknown): string =>
    typeof value === 'string' ? `'${value}'` : Array.isArray(value) ? `[${value.map(written).join(', ')}]` : String(value)

  it('lists every option and no other', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(optionsSchema.shape).sort())
  })

  it.each(Object.keys(optionsSchema.shape))('gives the default of %s', (name) => {
    const cell = rows.get(name) ?? ''
    const value: unknown = DEFAULT_OPTIONS[name as keyof typeof DEFAULT_OPTIONS]
    if (typeof value === 'function') {
      expect(cell).toContain('new Date()')
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) expect(cell).toContain(`${key}: ${written(inner)}`)
    } else {
      expect(cell).toBe(`\`${written(value)}\``)
    }
  })
})

describe('pluginOptionsOf', () => {
  it('reads the options the plugin stored on a config', () => {
    const options = sanitizeOptions({ collections: { articles: 'cancer-articles' } })
    expect(pluginOptionsOf({ custom: { 'cancer-content': options, other: 1 } })).toBe(options)
  })

  it.each([[undefined], [null], [{}], [{ custom: {} }], [{ custom: { 'cancer-content': 'x' } }]])(
    'is null where the plugin stored nothing: %p',
    (config) => {
      expect(pluginOptionsOf(config)).toBeNull()
    },
  )

  it('drops a trailing slash of glossaryPath', () => {
    expect(sanitizeOptions({ glossaryPath: '/terms/' }).glossaryPath).toBe('/terms')
    expect(DEFAULT_OPTIONS.glossaryPath).toBe('/glossary')
  })
})
