import { absoluteUrl, evidenceLabel, evidenceOf, glossaryTermId, MAX_EVIDENCE_LABEL } from '../../seed/links.js'

const ARTICLE = 'https://www.cancer.gov/types/breast/hp/breast-ovarian-genetics-pdq'

describe('absoluteUrl', () => {
  it.each([
    ['/types/breast', 'https://www.cancer.gov/types/breast'],
    ['#cit/section_5.8', `${ARTICLE}#cit/section_5.8`],
    ['colorectal-genetics-pdq', 'https://www.cancer.gov/types/breast/hp/colorectal-genetics-pdq'],
    ['http://www.ncbi.nlm.nih.gov/pubmed/19213681', 'http://www.ncbi.nlm.nih.gov/pubmed/19213681'],
    ['  https://example.org/a b ', 'https://example.org/a%20b'],
    ['mailto:nciinfo@nih.gov', 'mailto:nciinfo@nih.gov'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox', null],
    ['http://[invalid', null],
  ])('%s → %s', (href, expected) => {
    expect(absoluteUrl(href, ARTICLE)).toBe(expected)
  })
})

describe('glossaryTermId', () => {
  it.each([
    ['https://www.cancer.gov/publications/dictionaries/cancer-terms/def/44817', '44817'],
    ['https://www.cancer.gov/publications/dictionaries/cancer-terms/def/044817/', '44817'],
    ['https://cancer.gov/espanol/publicaciones/diccionarios/diccionario-cancer/def/44817', '44817'],
    ['https://www.cancer.gov/Common/PopUps/popDefinition.aspx?id=460132&version=healthprofessional&dictionary=genetic', '460132'],
    ['https://www.cancer.gov/publications/dictionaries/cancer-terms/def/bisphosphonate', null],
    ['https://www.cancer.gov/publications/dictionaries/cancer-terms', null],
    ['https://example.org/publications/dictionaries/cancer-terms/def/44817', null],
    ['https://www.cancer.gov/types/breast', null],
  ])('%s → %s', (url, expected) => {
    expect(glossaryTermId(url)).toBe(expected)
  })

  it.each([
    ['/publications/dictionaries/cancer-terms/def/44817', '44817'],
    ['//evil.example/publications/dictionaries/cancer-terms/def/44817', null],
    ['publications/dictionaries/cancer-terms/def/44817', null],
    ['https://docs.example.test/publications/dictionaries/cancer-terms/def/44817', null],
  ])('on another site, %s → %s', (href, expected) => {
    expect(glossaryTermId(href, 'https://docs.example.test/guide/page')).toBe(expected)
  })
})

describe('evidenceOf', () => {
  it.each([
    [
      'http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=PubMed&list_uids=14498993&dopt=Abstract',
      { identifier: '14498993', kind: 'pubmed', url: 'https://pubmed.ncbi.nlm.nih.gov/14498993/' },
    ],
    ['http://www.ncbi.nlm.nih.gov/pubmed/19213681', { identifier: '19213681', kind: 'pubmed', url: 'https://pubmed.ncbi.nlm.nih.gov/19213681/' }],
    ['https://pubmed.ncbi.nlm.nih.gov/21641868/', { identifier: '21641868', kind: 'pubmed', url: 'https://pubmed.ncbi.nlm.nih.gov/21641868/' }],
    [
      'https://www.ncbi.nlm.nih.gov/pmc/articles/pmc4567890/',
      { identifier: 'PMC4567890', kind: 'pmc', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC4567890/' },
    ],
    ['https://pmc.ncbi.nlm.nih.gov/articles/PMC123/', { identifier: 'PMC123', kind: 'pmc', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC123/' }],
    ['https://europepmc.org/article/PMC/PMC777', { identifier: 'PMC777', kind: 'pmc', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC777/' }],
    [
      'https://doi.org/10.1016/S0140-6736(15)60908-4',
      { identifier: '10.1016/S0140-6736(15)60908-4', kind: 'doi', url: 'https://doi.org/10.1016/S0140-6736(15)60908-4' },
    ],
    ['http://dx.doi.org/10.1200%2FJCO.2010.1', { identifier: '10.1200/JCO.2010.1', kind: 'doi', url: 'https://doi.org/10.1200/JCO.2010.1' }],
    [
      'https://clinicaltrials.gov/ct2/show/NCT00003299?term=PLCO-1&rank=1',
      { identifier: 'NCT00003299', kind: 'clinical_trial', url: 'https://clinicaltrials.gov/study/NCT00003299' },
    ],
    ['https://clinicaltrials.gov/show/nct01234567', { identifier: 'NCT01234567', kind: 'clinical_trial', url: 'https://clinicaltrials.gov/study/NCT01234567' }],
    ['https://www.isrctn.com/ISRCTN12345678', { identifier: 'ISRCTN12345678', kind: 'clinical_trial', url: 'https://www.isrctn.com/ISRCTN12345678' }],
    ['https://clinicaltrials.gov/', null],
    ['https://www.ncbi.nlm.nih.gov/omim/604373', null],
    ['https://www.ncbi.nlm.nih.gov/books/NBK1247/', null],
    ['https://doi.org/not-a-doi', null],
    ['https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(15)60908-4/fulltext', null],
    ['https://www.cancer.gov/types/breast', null],
  ])('%s', (url, expected) => {
    expect(evidenceOf(url)).toEqual(expected)
  })
})

describe('evidenceLabel', () => {
  const reference = 'Naidu KA: Vitamin C in human health and disease is still a mystery? An overview. Nutr J 2: 7, 2003. [PUBMED Abstract]'

  it.each([
    ['a descriptive link text is the label', 'Early Breast Cancer Trialists meta-analysis', 'whatever', 'Early Breast Cancer Trialists meta-analysis'],
    ['a generic link text takes its reference', '[PUBMED Abstract]', reference, 'Naidu KA: Vitamin C in human health and disease is still a mystery? An overview. Nutr J 2: 7, 2003.'],
    ['"study" takes its sentence', 'study', 'a 2009 study found benefits', 'a 2009 found benefits'],
    ['a bare number takes its sentence', '12', 'Survival improved.[12]', 'Survival improved.'],
    ['whitespace is collapsed', '  several\n  words ', '', 'several words'],
  ])('%s', (_name, linkText, blockText, expected) => {
    expect(evidenceLabel(linkText, blockText)).toBe(expected)
  })

  it('shortens long context at a word boundary', () => {
    const label = evidenceLabel('study', `${'word '.repeat(200)}end`)
    expect(label.length).toBeLessThanOrEqual(MAX_EVIDENCE_LABEL)
    expect(label.endsWith('word…')).toBe(true)
  })
})
