import type { CollectionConfig } from 'payload'

import { queueWebhooksAfterChange } from '../../hooks/queueWebhooksAfterChange.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { sourceSubject } from '../../rules/webhooks.js'
import { referenceDataAccess } from '../access/index.js'
import { validateWriteBeforeOperation } from '../../hooks/validateWriteBeforeOperation.js'
import { SOURCE_WRITE_RULES } from '../../rules/writeRules.js'
import { validateHttpUrl, validateLicense } from '../validators.js'

/**
 * The `sources` collection: publishing organisations (NCI, ...), ranked by tier. The short
 * label is what an article's citation must name.
 */
export const createSourcesCollection = (options: SanitizedOptions): CollectionConfig => ({
  slug: options.collections.sources,
  access: referenceDataAccess,
  admin: {
    defaultColumns: ['label', 'name', 'tierRank', 'tierKey', 'homeUrl'],
    group: 'Cancer information',
    useAsTitle: 'label',
  },
  defaultSort: 'tierRank',
  fields: [
    {
      name: 'label',
      type: 'text',
      admin: { description: 'Short label used in citations, e.g. NCI.' },
      index: true,
      required: true,
      unique: true,
    },
    { name: 'name', type: 'text', admin: { description: 'Full name, e.g. National Cancer Institute.' } },
    {
      name: 'homeUrl',
      type: 'text',
      admin: { description: 'Home page; relative links in its articles resolve against it.' },
      validate: validateHttpUrl,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'tierRank',
          type: 'number',
          admin: { description: 'Two-digit rank from sourceType: lower is more authoritative.' },
          index: true,
          max: 99,
          min: 0,
        },
        { name: 'tierKey', type: 'text', admin: { description: 'Key from sourceType, e.g. nci_core.' } },
      ],
    },
    { name: 'defaultLicense', type: 'text', validate: validateLicense },
  ],
  hooks: {
    afterChange: [queueWebhooksAfterChange('source.changed', options, sourceSubject)],
    beforeOperation: [validateWriteBeforeOperation(SOURCE_WRITE_RULES)],
  },
})
