import { slugs, typedCollectionSlugs } from '../../rules/collectionSlugs.js'
import { DEFAULT_OPTIONS, sanitizeOptions } from '../../rules/options.js'

describe('collection slugs', () => {
  it('are the defaults when nothing is renamed', () => {
    expect(slugs(DEFAULT_OPTIONS)).toEqual({
      articles: 'articles',
      glossaryTerms: 'glossary-terms',
      sources: 'sources',
      users: 'users',
      webhookDeliveries: 'webhook-deliveries',
      webhooks: 'webhooks',
      workflowEvents: 'workflow-events',
    })
  })

  it('follow the options of a host that renamed them', () => {
    const options = sanitizeOptions({ collections: { articles: 'cancer-articles', workflowEvents: 'audit' }, usersCollection: 'members' })
    expect(slugs(options)).toMatchObject({ articles: 'cancer-articles', users: 'members', workflowEvents: 'audit' })
    expect(typedCollectionSlugs(options.collections)).toEqual({ ...slugs(options), users: undefined })
  })
})
