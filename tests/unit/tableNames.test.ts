import { tableNameOf } from '../../rules/tableNames.js'

describe('tableNameOf: the Postgres adapter names tables in snake case', () => {
  it.each([
    ['articles', 'articles'],
    ['glossary-terms', 'glossary_terms'],
    ['workflowEvents', 'workflow_events'],
    ['cancer articles', 'cancer_articles'],
    ['myArticles2Go', 'my_articles2_go'],
  ])('%s → %s', (slug, table) => {
    expect(tableNameOf(slug)).toBe(table)
  })
})
