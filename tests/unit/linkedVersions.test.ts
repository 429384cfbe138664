import { type ArticleLink, changeLinks, counterpartUrl, linkedMembers, noticesOnApproval } from '../../rules/linkedVersions.js'

describe('counterpartUrl: pairing patient and health-professional versions by URL', () => {
  it.each([
    ['https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq', 'https://www.cancer.gov/types/stomach/patient/stomach-treatment-pdq'],
    ['https://www.cancer.gov/types/stomach/patient/stomach-treatment-pdq', 'https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq'],
    ['https://www.cancer.gov/about-cancer/treatment/cam/hp/acupuncture-pdq', 'https://www.cancer.gov/about-cancer/treatment/cam/patient/acupuncture-pdq'],
    ['https://www.cancer.gov/espanol/tipos/estomago/pro/tratamiento-estomago-pdq', 'https://www.cancer.gov/espanol/tipos/estomago/paciente/tratamiento-estomago-pdq'],
    ['https://www.cancer.gov/espanol/tipos/estomago/paciente/tratamiento-estomago-pdq', 'https://www.cancer.gov/espanol/tipos/estomago/pro/tratamiento-estomago-pdq'],
    ['https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue/fatigue-hp-pdq', 'https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue/fatigue-pdq'],
    ['https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue/fatigue-pdq', 'https://www.cancer.gov/about-cancer/treatment/side-effects/fatigue/fatigue-hp-pdq'],
    ['https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq?x=1#top', 'https://www.cancer.gov/types/stomach/patient/stomach-treatment-pdq'],
    ['https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis', null],
    ['https://www.cancer.gov/types/hp/overview', null],
    ['not a url', null],
  ])('%s', (url, expected) => {
    expect(counterpartUrl(url)).toBe(expected)
    if (expected) expect(counterpartUrl(expected)).toBe(url.replace(/[?#].*$/, ''))
  })
})

describe('linkedMembers', () => {
  const links: ArticleLink[] = [
    { from: 2, kind: 'counterpart', to: 1 }, // 1 patient en, 2 hp en
    { from: 3, kind: 'translation', to: 1 }, // 3 patient es, translation of 1
    { from: 4, kind: 'translation', to: 1 }, // 4 patient fr, translation of 1
    { from: 5, kind: 'translation', to: 2 }, // 5 hp es
    { from: 5, kind: 'counterpart', to: 3 },
  ]
  it.each([
    [1, [{ id: 2, kind: 'counterpart' }, { id: 3, kind: 'translation' }, { id: 4, kind: 'translation' }]],
    [2, [{ id: 1, kind: 'counterpart' }, { id: 5, kind: 'translation' }]],
    [3, [{ id: 1, kind: 'translation' }, { id: 4, kind: 'translation' }, { id: 5, kind: 'counterpart' }]],
    [4, [{ id: 1, kind: 'translation' }, { id: 3, kind: 'translation' }]],
    [9, []],
  ])('article %d', (self, expected) => {
    expect(linkedMembers(self, links)).toEqual(expected)
  })
  it('a link to itself and a link in both directions count once', () => {
    expect(
      linkedMembers(1, [
        { from: 1, kind: 'counterpart', to: 1 },
        { from: 1, kind: 'counterpart', to: 2 },
        { from: 2, kind: 'counterpart', to: 1 },
        { from: 2, kind: 'translation', to: 1 },
      ]),
    ).toEqual([{ id: 2, kind: 'counterpart' }])
  })
})

describe('noticesOnApproval: who is queued for what', () => {
  const members = [
    { id: 2, kind: 'counterpart' as const },
    { id: 3, kind: 'translation' as const },
  ]
  it.each([
    ['an approved change queues every member with its reason', { answering: [], changed: true }, [
      { article: 2, kind: 'counterpart', reason: 'counterpart_changed' },
      { article: 3, kind: 'translation', reason: 'translation_outdated' },
    ]],
    ['no change entry (reaffirm, approval without a note): nobody', { answering: [], changed: false }, []],
    ['an approval that answers a member\'s change does not queue it back', { answering: [3], changed: true }, [
      { article: 2, kind: 'counterpart', reason: 'counterpart_changed' },
    ]],
    ['answering everyone queues nobody', { answering: [2, 3], changed: true }, []],
  ])('%s', (_name, input, expected) => {
    expect(noticesOnApproval({ ...input, approved: 1, members })).toEqual(expected)
  })
  it('never queues the approved article itself', () => {
    expect(noticesOnApproval({ answering: [], approved: 2, changed: true, members })).toEqual([
      { article: 3, kind: 'translation', reason: 'translation_outdated' },
    ])
  })
})

describe('changeLinks', () => {
  it.each([
    [{ previousVersionId: '7', versionId: '9' }, { api: '/api/articles/4/changes', compare: '/admin/collections/articles/4/versions/9?versionFrom=7' }],
    [{ previousVersionId: null, versionId: '9' }, { api: '/api/articles/4/changes', compare: '/admin/collections/articles/4/versions/9' }],
    [{ previousVersionId: null, versionId: null }, { api: '/api/articles/4/changes', compare: null }],
  ])('%j', (versions, expected) => {
    expect(changeLinks({ adminRoute: '/admin/', apiRoute: '/api', articleId: 4, collection: 'articles', ...versions })).toEqual(expected)
  })
})
