import { createHmac } from 'node:crypto'

import {
  addressProblem,
  articleSubject,
  buildWebhookBody,
  checkResolvedAddress,
  checkWebhookUrl,
  eventOfAction,
  isWebhookEvent,
  nextStep,
  outcomeOfStatus,
  retryDelayMs,
  signWebhook,
  verifyWebhook,
  webhooksFor,
} from '../../rules/webhooks.js'
import { WEBHOOK_EVENTS } from '../../rules/vocabulary.js'

describe('eventOfAction', () => {
  it.each([
    ['approve', 'article.approved'],
    ['retire', 'article.retired'],
    ['reaffirm', 'article.reaffirmed'],
    ['submit', null],
    ['request_changes', null],
    ['import', null],
    ['', null],
    ['constructor', null],
  ])('%s → %s', (action, event) => {
    expect(eventOfAction(action)).toBe(event)
  })

  it('names only events of the vocabulary', () => {
    for (const action of ['approve', 'retire', 'reaffirm']) expect(isWebhookEvent(eventOfAction(action))).toBe(true)
    expect(isWebhookEvent('article.deleted')).toBe(false)
    expect(WEBHOOK_EVENTS).toHaveLength(5)
  })
})

describe('webhooksFor', () => {
  const hooks = [
    { active: true, events: ['article.approved', 'article.retired'], id: 1 },
    { active: false, events: ['article.approved'], id: 2 },
    { active: true, events: ['glossary.changed'], id: 3 },
    { active: null, events: ['article.approved'], id: 4 },
    { events: null, id: 5 },
  ]
  it.each([
    ['article.approved', [1, 4]],
    ['article.retired', [1]],
    ['glossary.changed', [3]],
    ['source.changed', []],
  ])('%s goes to %p', (event, ids) => {
    expect(webhooksFor(hooks, event).map((hook) => hook.id)).toEqual(ids)
  })
})

describe('buildWebhookBody', () => {
  const at = new Date('2026-03-01T10:00:00.000Z')

  it('carries the approved fields in a fixed key order', () => {
    const body = buildWebhookBody(
      'article.approved',
      articleSubject({
        audienceLevel: 'patient',
        body: { root: 'draft text must not leak' },
        id: 42,
        language: 'en',
        lastReviewed: '2026-02-27T12:00:00.000Z',
        title: 'Breast cancer',
        url: 'https://www.cancer.gov/types/breast',
      }),
      at,
    )
    expect(body).toBe(
      '{"event":"article.approved","id":42,"url":"https://www.cancer.gov/types/breast","title":"Breast cancer","language":"en","audienceLevel":"patient","lastReviewed":"2026-02-27","occurredAt":"2026-03-01T10:00:00.000Z"}',
    )
    expect(body).not.toContain('draft')
  })

  it('fills what a subject lacks with null', () => {
    expect(JSON.parse(buildWebhookBody('glossary.changed', { id: 'x', title: 'tumor' }, at))).toEqual({
      audienceLevel: null,
      event: 'glossary.changed',
      id: 'x',
      language: null,
      lastReviewed: null,
      occurredAt: '2026-03-01T10:00:00.000Z',
      title: 'tumor',
      url: null,
    })
  })
})

describe('signWebhook and verifyWebhook', () => {
  const secret = 'whsec_0123456789abcdef0123456789abcdef'
  const body = '{"event":"article.approved","id":1}'
  const now = new Date('2026-03-01T10:00:00Z')
  const timestamp = Math.floor(now.getTime() / 1000)
  const signature = signWebhook({ body, secret, timestamp })

  it('is v1= and the HMAC-SHA256 of timestamp.body', () => {
    expect(signature).toBe(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`)
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/)
  })

  it.each<[string, Partial<Parameters<typeof verifyWebhook>[0]>, string | null]>([
    ['the genuine delivery', {}, null],
    ['a second signature among several', { signature: `v1=${'0'.repeat(64)}, ${signature}` }, null],
    ['4 minutes late', { now: new Date(now.getTime() + 240_000) }, null],
    ['6 minutes late (a replay)', { now: new Date(now.getTime() + 360_000) }, 'stale'],
    ['from the future', { now: new Date(now.getTime() - 360_000) }, 'stale'],
    ['a changed body', { body: body.replace('1', '2') }, 'bad-signature'],
    ['another secret', { secret: `${secret}x` }, 'bad-signature'],
    ['a changed timestamp', { now, timestamp: String(timestamp + 1) }, 'bad-signature'],
    ['no signature', { signature: undefined }, 'bad-signature'],
    ['a truncated signature', { signature: signature.slice(0, 20) }, 'bad-signature'],
    ['no timestamp', { timestamp: null }, 'bad-timestamp'],
    ['a timestamp that is not a number', { timestamp: '1e9' }, 'bad-timestamp'],
  ])('%s', (_name, change, problem) => {
    expect(verifyWebhook({ body, now, secret, signature, timestamp: String(timestamp), ...change })).toBe(problem)
  })
})

describe('checkWebhookUrl', () => {
  it.each<[string, string[], boolean, RegExp | null]>([
    ['https://hooks.example.org/cms', [], true, null],
    ['https://93.184.216.34/hook', [], true, null],
    ['http://hooks.example.org/cms', [], false, /http is allowed only/],
    ['http://127.0.0.1:4000/hook', ['127.0.0.1'], true, null],
    ['http://localhost:4000/hook', ['localhost'], true, null],
    ['http://LOCALHOST:4000/hook', ['localhost'], true, null],
    ['http://127.0.0.1:4000/hook', [], false, /http is allowed only/],
    ['https://127.0.0.1/hook', [], false, /loopback/],
    ['https://localhost/hook', [], false, /localhost/],
    ['https://api.localhost/hook', [], false, /localhost/],
    ['https://169.254.169.254/latest/meta-data', [], false, /linkLocal/],
    ['https://10.1.2.3/hook', [], false, /private/],
    ['https://192.168.0.10/hook', [], false, /private/],
    ['https://100.64.0.1/hook', [], false, /carrierGradeNat/],
    ['https://0.0.0.0/hook', [], false, /unspecified/],
    ['https://[::1]/hook', [], false, /loopback/],
    ['https://[fd00:ec2::254]/hook', [], false, /uniqueLocal/],
    ['https://[::ffff:169.254.169.254]/hook', [], false, /linkLocal/],
    ['https://[fe80::1]/hook', [], false, /linkLocal/],
    ['https://10.1.2.3/hook', ['10.1.2.3'], true, null],
    ['https://user:pw@hooks.example.org/', [], false, /user name or password/],
    ['ftp://hooks.example.org/', [], false, /https/],
    ['javascript:alert(1)', [], false, /https/],
    ['/relative/path', [], false, /absolute/],
    ['', [], false, /required/],
  ])('%s with allowed %p → %s', (url, allowed, ok, reason) => {
    const verdict = checkWebhookUrl(url, allowed)
    expect(verdict.ok).toBe(ok)
    if (!verdict.ok && reason) expect(verdict.reason).toMatch(reason)
  })

  it('refuses what is not a string', () => {
    expect(checkWebhookUrl(42).ok).toBe(false)
    expect(checkWebhookUrl(null).ok).toBe(false)
  })
})

describe('checkResolvedAddress and addressProblem', () => {
  it.each<[string, string, string[], boolean]>([
    ['hooks.example.org', '93.184.216.34', [], true],
    ['hooks.example.org', '2606:2800:220:1:248:1893:25c8:1946', [], true],
    ['rebind.example.org', '127.0.0.1', [], false],
    ['rebind.example.org', '169.254.169.254', [], false],
    ['rebind.example.org', '::ffff:10.0.0.1', [], false],
    ['rebind.example.org', '172.16.5.4', [], false],
    ['receiver.internal', '10.0.0.5', ['receiver.internal'], true],
    ['127.0.0.1', '127.0.0.1', ['127.0.0.1'], true],
  ])('%s at %s with allowed %p → %s', (host, address, allowed, ok) => {
    expect(checkResolvedAddress(host, address, allowed).ok).toBe(ok)
  })

  it.each([
    ['8.8.8.8', null],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['not-an-ip', /not an IP/],
  ])('%s → %s', (address, problem) => {
    const found = addressProblem(address)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toMatch(problem)
  })
})

describe('retries', () => {
  const policy = { attempts: 5, firstRetryDelayMs: 4 * 60_000 }

  it('doubles the wait after each failed try: 4, 8, 16, 32 minutes, an hour in all', () => {
    const waits = [1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy) / 60_000)
    expect(waits).toEqual([4, 8, 16, 32])
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBe(60)
  })

  it.each<[number | null, string]>([
    [200, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [301, 'failed'],
    [400, 'failed'],
    [404, 'failed'],
    [410, 'gone'],
    [429, 'failed'],
    [500, 'failed'],
    [503, 'failed'],
    [null, 'failed'],
  ])('status %p → %s', (status, outcome) => {
    expect(outcomeOfStatus(status)).toBe(outcome)
  })

  it.each<[number, 'delivered' | 'failed' | 'gone', string, number | null]>([
    [1, 'delivered', 'delivered', null],
    [1, 'failed', 'retry', 4 * 60_000],
    [4, 'failed', 'retry', 32 * 60_000],
    [5, 'failed', 'give-up', null],
    [5, 'delivered', 'delivered', null],
    [1, 'gone', 'give-up', null],
  ])('try %i %s → %s', (attempt, outcome, kind, delayMs) => {
    const step = nextStep({ attempt, error: 'HTTP 500', outcome, policy })
    expect(step.kind).toBe(kind)
    if (step.kind === 'retry') expect(step.delayMs).toBe(delayMs)
    if (step.kind === 'give-up') expect(step.pauseReason).toMatch(outcome === 'gone' ? /410 Gone/ : /5 tries failed; the last: HTTP 500/)
  })
})
