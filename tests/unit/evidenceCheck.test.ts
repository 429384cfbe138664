import {
  classifyEvidenceCheck,
  dueEvidenceUrls,
  evidenceDueWindow,
  evidenceFetchVerdict,
  evidenceIdProblem,
  resolvedAddressVerdict,
} from '../../rules/evidenceCheck.js'
import { checkWrite, ARTICLE_WRITE_RULES } from '../../rules/writeRules.js'

describe('classifyEvidenceCheck', () => {
  it.each([
    [{ error: null, redirects: 0, statusCode: 200 }, 'ok'],
    [{ error: null, redirects: 0, statusCode: 204 }, 'ok'],
    [{ error: null, redirects: 1, statusCode: 200 }, 'redirected'],
    [{ error: null, redirects: 3, statusCode: 200 }, 'redirected'],
    [{ error: null, redirects: 0, statusCode: 404 }, 'broken'],
    [{ error: null, redirects: 2, statusCode: 404 }, 'broken'],
    [{ error: null, redirects: 0, statusCode: 410 }, 'broken'],
    [{ error: null, redirects: 0, statusCode: 400 }, 'broken'],
    [{ error: null, redirects: 0, statusCode: 500 }, 'unreachable'],
    [{ error: null, redirects: 0, statusCode: 503 }, 'unreachable'],
    [{ error: null, redirects: 0, statusCode: 403 }, 'unreachable'],
    [{ error: null, redirects: 0, statusCode: 401 }, 'unreachable'],
    [{ error: null, redirects: 0, statusCode: 429 }, 'unreachable'],
    [{ error: null, redirects: 5, statusCode: 301 }, 'unreachable'],
    [{ error: 'No answer within 500 ms', redirects: 0, statusCode: null }, 'unreachable'],
    [{ error: 'getaddrinfo ENOTFOUND', redirects: 0, statusCode: null }, 'unreachable'],
    [{ error: null, redirects: 0, statusCode: null }, 'unreachable'],
  ])('%j → %s', (outcome, expected) => {
    expect(classifyEvidenceCheck(outcome)).toBe(expected)
  })
})

describe('evidenceFetchVerdict (SSRF policy and allowlist)', () => {
  it.each([
    ['https://pubmed.ncbi.nlm.nih.gov/123/', [], true],
    ['http://www.ncbi.nlm.nih.gov/pubmed/123', [], true],
    ['http://127.0.0.1:8080/ok', [], false],
    ['http://localhost:8080/ok', [], false],
    ['http://169.254.169.254/latest/meta-data', [], false],
    ['http://10.0.0.5/', [], false],
    ['http://[::1]/', [], false],
    ['http://[::ffff:127.0.0.1]/', [], false],
    ['ftp://example.org/x', [], false],
    ['https://user:pw@example.org/', [], false],
    ['mailto:a@b.org', [], false],
    ['not a url', [], false],
    ['http://127.0.0.1:8080/ok', ['127.0.0.1'], true],
    ['https://pubmed.ncbi.nlm.nih.gov/123/', ['127.0.0.1'], false],
    ['http://LOCALHOST:1/', ['localhost'], true],
  ])('%s with %j → %s', (url, allowed, expected) => {
    expect(evidenceFetchVerdict(url, allowed).ok).toBe(expected)
  })
  it.each([
    ['evil.example', '127.0.0.1', [], false],
    ['evil.example', '192.168.1.1', [], false],
    ['evil.example', '169.254.169.254', [], false],
    ['good.example', '93.184.216.34', [], true],
    ['127.0.0.1', '127.0.0.1', ['127.0.0.1'], true],
  ])('%s resolving to %s with %j → %s', (host, address, allowed, expected) => {
    expect(resolvedAddressVerdict(host, address, allowed).ok).toBe(expected)
  })
})

describe('dueEvidenceUrls: daily runs, each link at most weekly', () => {
  const now = new Date('2026-12-01T04:00:00Z')
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()
  const urls = Array.from({ length: 14 }, (_, index) => `https://e.org/${String(index).padStart(2, '0')}`)
  it.each([
    ['nothing checked: a seventh of them (2 of 14), first by URL', [], 100, ['https://e.org/00', 'https://e.org/01']],
    ['checked 6 days ago: not due', urls.map((url) => ({ checkedAt: daysAgo(6), url })), 100, []],
    ['checked 7 and 9 days ago: the oldest first', [
      ...urls.map((url) => ({ checkedAt: daysAgo(1), url })).slice(2),
      { checkedAt: daysAgo(7), url: 'https://e.org/00' },
      { checkedAt: daysAgo(9), url: 'https://e.org/01' },
    ], 100, ['https://e.org/01', 'https://e.org/00']],
    ['never checked before anything old', [
      ...urls.map((url) => ({ checkedAt: daysAgo(30), url })).slice(1),
      { checkedAt: null, url: 'https://e.org/00' },
    ], 100, ['https://e.org/00', 'https://e.org/01']],
    ['maxPerRun bounds a run', [], 1, ['https://e.org/00']],
  ])('%s', (_name, checks, maxPerRun, expected) => {
    expect(dueEvidenceUrls({ checks, maxPerRun, now, recheckDays: 7, urls })).toEqual(expected)
  })
  it('over a week of daily runs every link is checked once', () => {
    const checks = new Map<string, string>()
    for (let day = 0; day < 7; day += 1) {
      const today = new Date(now.getTime() + day * 86_400_000)
      const due = dueEvidenceUrls({ checks: [...checks].map(([url, checkedAt]) => ({ checkedAt, url })), maxPerRun: 1000, now: today, recheckDays: 7, urls })
      for (const url of due) {
        expect(checks.has(url)).toBe(false)
        checks.set(url, today.toISOString())
      }
    }
    expect(checks.size).toBe(urls.length)
  })
  it('a link listed twice is checked once', () => {
    expect(dueEvidenceUrls({ checks: [], maxPerRun: 10, now, recheckDays: 1, urls: ['https://a.org', 'https://a.org'] })).toEqual(['https://a.org'])
  })
})

describe('evidenceIdProblem: PubMed and trial ids have a form', () => {
  it.each([
    ['pubmed', '17168428', null],
    ['pubmed', '1', null],
    ['pubmed', '0123', 'not a pubmed id'],
    ['pubmed', 'PMID17168428', 'not a pubmed id'],
    ['pubmed', '1234567890', 'not a pubmed id'],
    ['clinical_trial', 'NCT01234567', null],
    ['clinical_trial', 'NCT1234567', 'not a clinical trial id'],
    ['clinical_trial', 'nct01234567', 'not a clinical trial id'],
    ['clinical_trial', 'ISRCTN12345678', null],
    ['clinical_trial', 'EudraCT 2004-000123-45', null],
    ['pmc', 'PMC1234567', null],
    ['pmc', '1234567', 'not a pmc id'],
    ['doi', '10.1200/JCO.2017.75.1234', null],
    ['doi', 'doi:10.1200/x', 'not a doi id'],
    ['other', 'anything at all', null],
    ['pubmed', '', null],
    ['pubmed', null, null],
    ['pubmed', 42, 'must be text'],
  ])('%s %j', (kind, identifier, expected) => {
    const problem = evidenceIdProblem(kind, identifier)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toContain(expected)
  })

  it('an edit with a malformed trial id is a field error at evidence.N.identifier', () => {
    const result = checkWrite(
      ARTICLE_WRITE_RULES,
      {
        evidence: [
          { identifier: '17168428', kind: 'pubmed', url: 'https://pubmed.ncbi.nlm.nih.gov/17168428/' },
          { identifier: 'NCT123', kind: 'clinical_trial', url: 'https://clinicaltrials.gov/study/NCT123' },
        ],
      },
      'update',
    )
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems).toEqual([{ message: expect.stringContaining('not a clinical trial id'), path: 'evidence.1.identifier' }])
  })
})

describe('evidenceDueWindow: the bounds a database query of due links applies', () => {
  const now = new Date('2026-12-01T04:00:00Z')
  it.each([
    ['14 links, weekly: 2 a run', 14, 2000, 7, 2],
    ['15 links, weekly: 3 a run (rounded up)', 15, 2000, 7, 3],
    ['no links: still 1', 0, 2000, 7, 1],
    ['100,000 links: maxPerRun bounds it', 100_000, 2000, 7, 2000],
    ['daily: all of them up to maxPerRun', 50, 2000, 1, 50],
  ])('%s', (_name, links, maxPerRun, recheckDays, limit) => {
    expect(evidenceDueWindow({ links, maxPerRun, now, recheckDays })).toEqual({ checkedBy: new Date(now.getTime() - recheckDays * 86_400_000), limit })
  })
})
