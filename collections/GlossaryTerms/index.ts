import type { CollectionConfig } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { AUDIENCES, toSelectOptions } from '../../rules/vocabulary.js'
import { deriveLookupKeysBeforeChange } from '../../hooks/deriveLookupKeysBeforeChange.js'
import { validateWriteBeforeOperation } from '../../hooks/validateWriteBeforeOperation.js'
import { GLOSSARY_TERM_WRITE_RULES } from '../../rules/writeRules.js'
import { queueWebhooksAfterChange } from '../../hooks/queueWebhooksAfterChange.js'
import { glossarySubject } from '../../rules/webhooks.js'
import { referenceDataAccess, serverOnlyField } from '../access/index.js'
import { validateBcp47, validateHttpUrl } from '../validators.js'
import { createGlossaryEndpoints } from '../../src/endpoints/glossaryEndpoints.js'
import { createGlossaryQueries } from '../../src/graphql/glossaryQueries.js'
import { declareParts } from '../parts.js'
import { textsParentIndex } from '../../src/database/textsParentIndex.js'
import { tableNameOf } from '../../rules/tableNames.js'

/**
 * The `glossary-terms` collection: one document per NCI Dictionary of Cancer Terms entry
 * (unique `nciId`), holding its definitions per language, audience and dictionary.
 */
export const createGlossaryTermsCollection = (options: SanitizedOptions): CollectionConfig => ({
  slug: options.collections.glossaryTerms,
  access: referenceDataAccess,
  admin: {
    defaultColumns: ['term', 'nciId', 'language', 'needsDefinition'],
    group: 'Cancer information',
    listSearchableFields: ['term', 'nciId'],
    useAsTitle: 'term',
  },
  // What a populated link to a term carries (a PDQ summary links hundreds): not the definitions.
  defaultPopulate: { needsDefinition: true, nciId: true, term: true },
  defaultSort: 'term',
  fields: [
    { name: 'term', type: 'text', index: true, required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'nciId',
          type: 'text',
          admin: { description: 'NCI Dictionary of Cancer Terms id, e.g. 44817.' },
          index: true,
          required: true,
          unique: true,
        },
        {
          name: 'language',
          type: 'text',
          admin: { description: 'Language of the term name.' },
          defaultValue: 'en',
          validate: validateBcp47,
        },
      ],
    },
    { name: 'aliases', type: 'text', admin: { description: 'Other names of the term.' }, hasMany: true },
    {
      name: 'lookupKeys',
      type: 'text',
      access: { create: serverOnlyField, update: serverOnlyField },
      admin: { description: 'Every name of the term, lower case without accents: what lookups match.', hidden: true },
      hasMany: true,
      index: true,
    },
    {
      name: 'needsDefinition',
      type: 'checkbox',
      admin: { description: 'Created from an article link without dictionary data: a definition is still to be written.' },
      defaultValue: false,
      index: true,
    },
    {
      name: 'definitions',
      type: 'array',
      admin: { description: 'Definitions per language, audience and dictionary.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'language', type: 'text', defaultValue: 'en', required: true, validate: validateBcp47 },
            { name: 'audience', type: 'select', options: toSelectOptions(AUDIENCES), required: true },
            { name: 'dictionary', type: 'text', defaultValue: 'Cancer.gov', required: true },
          ],
        },
        { name: 'termName', type: 'text', admin: { description: 'The term as named in this language.' } },
        { name: 'prettyUrlName', type: 'text' },
        { name: 'text', type: 'textarea', admin: { description: 'The definition as plain text.' }, required: true },
        { name: 'html', type: 'textarea', admin: { description: 'The definition as the dictionary publishes it (HTML source, never rendered raw).' } },
        {
          name: 'pronunciation',
          type: 'group',
          fields: [
            { type: 'row', fields: [
              { name: 'key', type: 'text', admin: { description: 'e.g. (uh-BAYR-eh-lix)' } },
              { name: 'audio', type: 'text', validate: validateHttpUrl },
            ] },
          ],
        },
      ],
    },
    {
      name: 'otherLanguages',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'language', type: 'text', required: true, validate: validateBcp47 },
            { name: 'termName', type: 'text', required: true },
            { name: 'prettyUrlName', type: 'text' },
          ],
        },
      ],
    },
    { name: 'relatedResources', type: 'json', admin: { description: 'Related resources as the dictionary lists them.' } },
    { name: 'media', type: 'json', admin: { description: 'Images and videos as the dictionary lists them.' } },
    {
      name: 'usedBy',
      type: 'join',
      admin: {
        allowCreate: false,
        defaultColumns: ['title', 'status', 'reviewState', 'language'],
        description: 'Articles whose body links to this term.',
      },
      collection: options.collections.articles,
      on: 'glossaryTerms',
    },
  ],
  // Its GraphQL lookup beside the REST one, lean GraphQL reads, and the parent index of its aliases.
  custom: declareParts({
    graphQLQueries: createGlossaryQueries(options),
    graphQLSelectByDefault: true,
    schemaHooks: [textsParentIndex([tableNameOf(options.collections.glossaryTerms)])],
  }),
  endpoints: createGlossaryEndpoints(options),
  hooks: {
    afterChange: [queueWebhooksAfterChange('glossary.changed', options, glossarySubject)],
    beforeChange: [deriveLookupKeysBeforeChange],
    beforeOperation: [validateWriteBeforeOperation(GLOSSARY_TERM_WRITE_RULES)],
  },
})
