import { bcp47Problem, httpsUrlProblem, httpUrlProblem, licenseProblem, parseSourceType, sourceTypeProblem } from '../../rules/formats.js'

describe('URLs', () => {
  it.each([
    ['https://www.cancer.gov/types/breast', null, null],
    ['http://www.ncbi.nlm.nih.gov/pubmed/19213681', null, 'must use https'],
    ['/types/breast', 'not an absolute URL', 'not an absolute URL'],
    ['ftp://example.org/file', 'must be an http(s) URL', 'must be an http(s) URL'],
    ['javascript:alert(1)', 'must be an http(s) URL', 'must be an http(s) URL'],
    ['', 'not an absolute URL', 'not an absolute URL'],
  ])('%s', (value, httpProblem, httpsProblem) => {
    const http = httpUrlProblem(value)
    const https = httpsUrlProblem(value)
    if (httpProblem === null) expect(http).toBeNull()
    else expect(http).toContain(httpProblem)
    if (httpsProblem === null) expect(https).toBeNull()
    else expect(https).toContain(httpsProblem)
  })
})

describe('BCP 47 language tags', () => {
  it.each([
    ['en', true],
    ['es', true],
    ['es-419', true],
    ['pt-BR', true],
    ['zh-Hant-TW', true],
    ['english', false],
    ['e', false],
    ['en_US', false],
    ['', false],
  ])('%s valid: %s', (value, valid) => {
    expect(bcp47Problem(value) === null).toBe(valid)
  })
})

describe('source types', () => {
  it.each([
    ['02_nci_core', { key: 'nci_core', rank: 2 }],
    ['10_journal', { key: 'journal', rank: 10 }],
    ['2_nci', null],
    ['02-nci', null],
    ['02_', null],
    ['nci_core', null],
    ['02_NCI', null],
  ])('%s → %p', (value, expected) => {
    expect(parseSourceType(value)).toEqual(expected)
    expect(sourceTypeProblem(value) === null).toBe(expected !== null)
  })
})

describe('licences', () => {
  it.each([
    ['public_domain', true],
    ['CC-BY-4.0', true],
    ['CC-BY-NC-SA-4.0', true],
    ['all rights reserved', false],
    ['', false],
  ])('%s valid: %s', (value, valid) => {
    expect(licenseProblem(value) === null).toBe(valid)
  })
})
