// The second app the read benchmark compares with (bench/reads.ts): plain Payload with the plugin's
// own data model, every collection and field exactly as the plugin declares them (rows,
// collapsibles, virtual and join fields, field access, drafts and versions), with the plugin's
// behaviour taken out: no collection or field hooks, no validation, no endpoints, no read guards,
// no GraphQL additions, no jobs, no route wrappers; anonymous readers see published articles, as
// in bench/plain. It reads ours' database (the same tables; it never writes or changes the schema).
// Beside bench/plain (four collections of the same shape), it tells what the plugin's behaviour
// costs from what a data model of its size costs any Payload app.
// Not shipped: it exists only to be measured beside ours.
import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { type Access, buildConfig, type CollectionConfig, type Config, type Field } from 'payload'

import { cancerContentPlugin } from '../../src/index.js'

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('DATABASE_URL is not set (bench/reads.ts sets it)')

const publishedOrSignedIn: Access = ({ req }) => (req.user ? true : { _status: { equals: 'published' } })
const anyone: Access = () => true
const READ_ACCESS: Record<string, Access> = { articles: publishedOrSignedIn, 'glossary-terms': anyone, sources: anyone }

// A field as declared, without its hooks and validation (its access, what it stores and shows stay).
const plainField = (field: Field): Field => {
  const { hooks: _hooks, validate: _validate, ...rest } = field as Field & { hooks?: unknown; validate?: unknown }
  const nested = rest as Field & { blocks?: { fields: Field[] }[]; fields?: Field[]; tabs?: { fields: Field[] }[] }
  return {
    ...nested,
    ...(nested.fields ? { fields: nested.fields.map(plainField) } : {}),
    ...(nested.tabs ? { tabs: nested.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(plainField) })) } : {}),
    ...(nested.blocks ? { blocks: nested.blocks.map((block) => ({ ...block, fields: block.fields.map(plainField) })) } : {}),
  } as Field
}

// A collection as declared, without its hooks, endpoints and access rules (read access as a plain app's).
const plainCollection = ({ access: _access, endpoints: _endpoints, hooks: _hooks, ...collection }: CollectionConfig): CollectionConfig => ({
  ...collection,
  ...(READ_ACCESS[collection.slug] ? { access: { read: READ_ACCESS[collection.slug] } } : {}),
  fields: collection.fields.map(plainField),
})

const host: Config = {
  collections: [{ slug: 'users', auth: true, fields: [{ name: 'name', type: 'text' }] }],
  db: postgresAdapter({ pool: { connectionString: databaseUrl } }),
  secret: '-',
}
// The plugin's config, for its collections only.
const declared = await cancerContentPlugin({ evidenceCheck: { autoRun: false }, reviewSweep: { autoRun: false }, webhooks: { autoRun: false } })(host)

export default buildConfig({
  collections: (declared.collections ?? []).map(plainCollection),
  db: postgresAdapter({
    pool: { connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_MAX ?? 10) },
    push: false,
  }),
  editor: lexicalEditor(),
  secret: process.env.PAYLOAD_SECRET || 'wide-bench-secret-not-for-production',
  telemetry: false,
  typescript: { autoGenerate: false },
})
