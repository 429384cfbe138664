import {
  glossaryLookupKeys,
  HEADLINE_MARKERS,
  headlineWords,
  lookupKey,
  lookupKeys,
  queryExcludes,
  type SaveKind,
  savesOnlyAVersion,
  searchCandidateBound,
  searchConfigFor,
  searchTotals,
  snippetHtml,
} from '../../rules/search.js'

const { end, start } = HEADLINE_MARKERS

describe('snippetHtml', () => {
  it.each([
    ['plain text', 'plain text'],
    [`a ${start}match${end} here`, 'a <mark>match</mark> here'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`${start}<img src=x onerror=alert(1)>${end}`, '<mark>&lt;img src=x onerror=alert(1)&gt;</mark>'],
    [`"quoted" & 'single'`, '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
    ['</mark><b>forged</b><mark>', '&lt;/mark&gt;&lt;b&gt;forged&lt;/b&gt;&lt;mark&gt;'],
    ['  spaces\n and\ttabs  ', 'spaces and tabs'],
    [`${start}one${end} and ${start}two${end}`, '<mark>one</mark> and <mark>two</mark>'],
    ['', ''],
  ])('%j becomes %j', (headline, html) => {
    expect(snippetHtml(headline)).toBe(html)
  })

  it('lets no tag through but the marks it makes', () => {
    const html = snippetHtml(`<a href="javascript:x">${start}x${end}</a><svg onload=y>`)
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/)
  })
})

describe('searchConfigFor', () => {
  it.each([
    ['en', 'english'],
    ['en-GB', 'english'],
    ['ES', 'spanish'],
    ['pt-BR', 'portuguese'],
    ['ja', 'simple'],
    ['', 'simple'],
    [null, 'simple'],
    [undefined, 'simple'],
  ])('%p stems with %p', (language, config) => {
    expect(searchConfigFor(language)).toBe(config)
  })
})

describe('lookupKey', () => {
  it.each([
    ['Túmor', 'tumor'],
    ['TUMOR ', 'tumor'],
    ['  non-small   cell ', 'non-small cell'],
    ['ﬁbroma', 'fibroma'],
  ])('%p is looked up as %p', (name, key) => {
    expect(lookupKey(name)).toBe(key)
  })

  it('gives each distinct key of a term once, skipping empty names', () => {
    expect(lookupKeys(['Tumor', 'túmor', null, ' ', undefined, 'Neoplasm'])).toEqual(['tumor', 'neoplasm'])
  })
})

describe('glossaryLookupKeys', () => {
  it.each([
    ['a stub: its name only', { term: 'Tumor' }, ['tumor']],
    ['name, aliases, other languages, definitions in that order', { aliases: ['Neoplasm', 'TUMOR'], definitions: [{ termName: 'tumour' }], otherLanguages: [{ termName: 'Túmor' }, { termName: 'tumeur' }], term: 'Tumor' }, ['tumor', 'neoplasm', 'tumeur', 'tumour']],
    ['values that are not text left out', { aliases: 'not a list', definitions: [null, { termName: 3 }], otherLanguages: [{}], term: null }, []],
  ])('%s', (_name, term, keys) => {
    expect(glossaryLookupKeys(term)).toEqual(keys)
  })
})

describe('headlineWords', () => {
  it.each([
    ['chemotherapy', ['chemotherapy']],
    ['Breast  Surgery', ['breast', 'surgery']],
    ['"radiation therapy" or surgery', ['radiation', 'therapy', 'surgery']],
    ['lung -smoking', ['lung']],
    ['a b cancer', ['cancer']],
    ['cáncer de mama', ['cáncer', 'de', 'mama']],
    ['her2-positive', ['her2', 'positive']],
    ['OR or -x', []],
    ['one two three four five six seven eight nine ten', ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight']],
    ['again again', ['again']],
  ])('%s -> %j', (query, expected) => {
    expect(headlineWords(query)).toEqual(expected)
  })
})

describe('savesOnlyAVersion', () => {
  it.each<[SaveKind, boolean]>([
    // A draft saved over an existing article: the versions table only.
    [{ draft: true, operation: 'update' }, true],
    [{ draft: true, operation: 'update', status: 'draft' }, true],
    // Publishing, even with draft on, writes the row.
    [{ draft: true, operation: 'update', status: 'published' }, false],
    // Without draft an update writes the row.
    [{ draft: false, operation: 'update' }, false],
    [{ draft: null, operation: 'update', status: 'draft' }, false],
    [{ operation: 'update' }, false],
    // A create writes the row, draft or not.
    [{ draft: true, operation: 'create' }, false],
    [{ draft: true, operation: 'delete' }, false],
  ])('%o → %p', (save, expected) => {
    expect(savesOnlyAVersion(save)).toBe(expected)
  })
})

describe('queryExcludes', () => {
  it.each([
    ['breast cancer', false],
    ['breast -surgery', true],
    ['"radiation therapy" -proton', true],
    ['-chemo', true],
    ['non-small cell', false],
    ['breast - surgery', false],
    ['breast or -lung', true],
  ])('%s → %s', (query, expected) => {
    expect(queryExcludes(query)).toBe(expected)
  })
})

describe('searchTotals', () => {
  it.each([
    [{ bounded: false, candidates: 0, limit: 10 }, { moreMatches: false, totalDocs: 0, totalPages: 0 }],
    [{ bounded: false, candidates: 21, limit: 10 }, { moreMatches: false, totalDocs: 21, totalPages: 3 }],
    [{ bounded: true, candidates: 1000, limit: 10 }, { moreMatches: true, totalDocs: 1000, totalPages: 100 }],
  ])('%j → %j', (input, expected) => {
    expect(searchTotals(input)).toEqual(expected)
  })
})

describe('searchCandidateBound', () => {
  it.each([
    // The first pages of a block rank the block: 200 for pages 1-20 of 10 hits.
    [{ limit: 10, page: 1 }, 200],
    [{ limit: 10, page: 20 }, 200],
    [{ limit: 50, page: 4 }, 200],
    // Deeper pages rank the next whole block, so every page of it ranks the same set.
    [{ limit: 10, page: 21 }, 400],
    [{ limit: 50, page: 5 }, 400],
    [{ limit: 10, page: 40 }, 400],
    [{ limit: 10, page: 41 }, 600],
    // Never more than the maximum, however deep the page.
    [{ limit: 10, page: 100 }, 1000],
    [{ limit: 50, page: 1000 }, 1000],
    // A smaller maximum (tests) bounds every page.
    [{ limit: 50, max: 2, page: 1 }, 2],
    [{ block: 5, limit: 2, max: 8, page: 3 }, 8],
    [{ block: 5, limit: 2, max: 100, page: 3 }, 10],
  ])('%j → %d', (input, expected) => {
    expect(searchCandidateBound(input)).toBe(expected)
  })
})
