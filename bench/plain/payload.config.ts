// The plain Payload app the read benchmark compares with (bench/reads.ts): collections of the
// same shape as the plugin's (every stored field, drafts and versions on, the same rich-text
// features, default sorts and the glossary terms' populated fields), no plugin, no hooks, the
// access a plain app would give anonymous readers (published documents only). Left out, as what
// the plugin adds: the computed citation outputs, the review history (a join to the workflow
// events) and the admin's workflow panel.
// Not shipped: it exists only to be measured beside ours.
import { postgresAdapter } from '@payloadcms/db-postgres'
import { EXPERIMENTAL_TableFeature, lexicalEditor, LinkFeature } from '@payloadcms/richtext-lexical'
import { type Access, buildConfig, type CollectionConfig } from 'payload'

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('DATABASE_URL is not set (bench/reads.ts sets it)')

const AUDIENCES = ['patient', 'caregiver', 'clinician', 'researcher']
const STATUSES = ['draft', 'in_review', 'active', 'retired']
const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual', 'biennial']
const REVIEW_STATES = ['current', 'due_soon', 'overdue']
const EVIDENCE_KINDS = ['pubmed', 'pmc', 'doi', 'trial', 'other']

const publishedOrSignedIn: Access = ({ req }) => (req.user ? true : { _status: { equals: 'published' } })
const anyone: Access = () => true
const options = (values: string[]) => values.map((value) => ({ label: value, value }))

const users: CollectionConfig = { slug: 'users', auth: true, fields: [{ name: 'name', type: 'text' }] }

const sources: CollectionConfig = {
  slug: 'sources',
  access: { read: anyone },
  defaultSort: 'tierRank',
  fields: [
    { name: 'label', type: 'text', required: true, unique: true },
    { name: 'name', type: 'text' },
    { name: 'homeUrl', type: 'text' },
    { name: 'tierRank', type: 'number' },
    { name: 'tierKey', type: 'text' },
    { name: 'defaultLicense', type: 'text' },
  ],
}

const glossaryTerms: CollectionConfig = {
  slug: 'glossary-terms',
  access: { read: anyone },
  defaultPopulate: { needsDefinition: true, nciId: true, term: true },
  defaultSort: 'term',
  fields: [
    { name: 'term', type: 'text', index: true, required: true },
    { name: 'nciId', type: 'text', index: true, unique: true },
    { name: 'language', type: 'text' },
    { name: 'aliases', type: 'text', hasMany: true },
    { name: 'lookupKeys', type: 'text', hasMany: true, index: true },
    { name: 'needsDefinition', type: 'checkbox', index: true },
    {
      name: 'definitions',
      type: 'array',
      fields: [
        { name: 'language', type: 'text', defaultValue: 'en', required: true },
        { name: 'audience', type: 'select', options: options(AUDIENCES), required: true },
        { name: 'dictionary', type: 'text', defaultValue: 'Cancer.gov', required: true },
        { name: 'termName', type: 'text' },
        { name: 'prettyUrlName', type: 'text' },
        { name: 'text', type: 'textarea', required: true },
        { name: 'html', type: 'textarea' },
        { name: 'pronunciation', type: 'group', fields: [{ name: 'key', type: 'text' }, { name: 'audio', type: 'text' }] },
      ],
    },
    {
      name: 'otherLanguages',
      type: 'array',
      fields: [
        { name: 'language', type: 'text', required: true },
        { name: 'termName', type: 'text', required: true },
        { name: 'prettyUrlName', type: 'text' },
      ],
    },
    { name: 'relatedResources', type: 'json' },
    { name: 'media', type: 'json' },
    { name: 'usedBy', type: 'join', collection: 'articles', on: 'glossaryTerms' },
  ],
}

const articles: CollectionConfig = {
  slug: 'articles',
  access: { read: publishedOrSignedIn },
  defaultSort: 'nextReviewDue',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'url', type: 'text', index: true, required: true, unique: true },
    { name: 'source', type: 'relationship', index: true, relationTo: 'sources' },
    { name: 'sourceType', type: 'text' },
    { name: 'audienceLevel', type: 'select', defaultValue: 'patient', index: true, options: options(AUDIENCES), required: true },
    { name: 'language', type: 'text', defaultValue: 'en', index: true, required: true },
    { name: 'cancerTypes', type: 'text', hasMany: true, index: true },
    { name: 'tags', type: 'text', hasMany: true },
    { name: 'license', type: 'text' },
    { name: 'citation', type: 'text' },
    { name: 'version', type: 'text' },
    {
      name: 'body',
      type: 'richText',
      editor: lexicalEditor({
        features: ({ defaultFeatures }) => [
          ...defaultFeatures.filter((feature) => feature.key !== 'link'),
          LinkFeature({ enabledCollections: ['glossary-terms'] }),
          EXPERIMENTAL_TableFeature(),
        ],
      }),
    },
    { name: 'bodyText', type: 'textarea', maxLength: 10_000_000 },
    { name: 'glossaryTerms', type: 'relationship', hasMany: true, relationTo: 'glossary-terms' },
    {
      name: 'evidence',
      type: 'array',
      fields: [
        { name: 'kind', type: 'select', options: options(EVIDENCE_KINDS), required: true },
        { name: 'identifier', type: 'text' },
        { name: 'url', type: 'text', required: true },
        { name: 'label', type: 'text' },
      ],
    },
    {
      name: 'changes',
      type: 'array',
      fields: [
        { name: 'date', type: 'date', required: true },
        { name: 'note', type: 'textarea', required: true },
      ],
    },
    { name: 'counterparts', type: 'relationship', hasMany: true, relationTo: 'articles' },
    { name: 'translationOf', type: 'relationship', relationTo: 'articles' },
    { name: 'status', type: 'select', defaultValue: 'draft', enumName: 'enum_articles_workflow_status', index: true, options: options(STATUSES) },
    { name: 'lastReviewed', type: 'date', index: true },
    { name: 'reviewFrequency', type: 'select', defaultValue: 'quarterly', options: options(FREQUENCIES), required: true },
    { name: 'nextReviewDue', type: 'date', index: true },
    { name: 'reviewState', type: 'select', index: true, options: options(REVIEW_STATES) },
    { name: 'submittedBy', type: 'relationship', relationTo: 'users' },
    { name: 'assignee', type: 'relationship', index: true, relationTo: 'users' },
    { name: 'lastEditedBy', type: 'relationship', relationTo: 'users' },
    { name: 'reviewedBy', type: 'relationship', relationTo: 'users' },
    { name: 'importHash', type: 'text' },
    {
      name: 'citationSnapshot',
      type: 'group',
      fields: [
        { name: 'label', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'homeUrl', type: 'text' },
        { name: 'tierRank', type: 'number' },
        { name: 'tierKey', type: 'text' },
      ],
    },
  ],
  versions: { drafts: true, maxPerDoc: 100 },
}

export default buildConfig({
  collections: [users, sources, glossaryTerms, articles],
  db: postgresAdapter({
    pool: { connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_MAX ?? 10) },
    push: process.env.PAYLOAD_DB_PUSH !== 'false',
  }),
  editor: lexicalEditor(),
  secret: process.env.PAYLOAD_SECRET || 'plain-bench-secret-not-for-production',
  telemetry: false,
  typescript: { autoGenerate: false },
})
