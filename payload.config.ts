import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'

import { importBundledCorpus } from './seed/index.js'
import { cancerContentPlugin } from './src/index.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** The development secret: refused in production, where PAYLOAD_SECRET must be set. */
const DEV_SECRET = 'dev-only-secret-change-me-in-production'

const secret = process.env.PAYLOAD_SECRET || DEV_SECRET
if (process.env.NODE_ENV === 'production' && secret === DEV_SECRET) {
  throw new Error('PAYLOAD_SECRET must be set to a long random string when NODE_ENV=production')
}

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  throw new Error(
    'DATABASE_URL is not set: start the app with `npm run dev` or `npm start` (they run the embedded database), or point DATABASE_URL at PostgreSQL',
  )
}

export default buildConfig({
  admin: {
    // No gravatar: the admin must not call out to the internet for an avatar.
    avatar: 'default',
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' · Governed cancer content' },
  },
  collections: [
    {
      slug: 'users',
      admin: { useAsTitle: 'email' },
      auth: true,
      fields: [{ name: 'name', type: 'text' }],
    },
  ],
  db: postgresAdapter({
    // Tests point this at a scratch copy to check that the migrations match the schema.
    migrationDir: process.env.PAYLOAD_MIGRATION_DIR ?? path.resolve(dirname, 'migrations'),
    pool: { connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_MAX ?? 10) },
    push: process.env.PAYLOAD_DB_PUSH !== 'false',
  }),
  editor: lexicalEditor(),
  // The demo seeds itself: on the first boot on an empty database it imports the bundled NCI
  // corpus in the background (the server answers meanwhile). SEED_ON_FIRST_BOOT=false turns it off.
  onInit: async (payload) => {
    if (process.env.SEED_ON_FIRST_BOOT === 'false') return
    const { totalDocs } = await payload.count({ collection: 'articles' })
    if (totalDocs > 0) return
    payload.logger.info('[seed] empty database: importing the bundled corpus (SEED_ON_FIRST_BOOT=false turns this off)')
    const started = Date.now()
    void importBundledCorpus(payload)
      .then((summary) =>
        payload.logger.info(
          `[seed] bundled corpus imported in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.created} articles created, ${summary.failed.length} failed; ${summary.glossary.created} glossary terms`,
        ),
      )
      .catch((error: unknown) => payload.logger.error({ err: error, msg: '[seed] importing the bundled corpus failed' }))
  },
  plugins: [
    cancerContentPlugin({
      webhooks: {
        // Development receivers (http, private or loopback addresses) must be listed by host name.
        allowedHosts: (process.env.WEBHOOK_ALLOWED_HOSTS ?? '')
          .split(',')
          .map((host) => host.trim())
          .filter(Boolean),
        ...(process.env.WEBHOOK_TIMEOUT_MS ? { timeoutMs: Number(process.env.WEBHOOK_TIMEOUT_MS) } : {}),
      },
    }),
  ],
  secret,
  telemetry: false,
  typescript: {
    autoGenerate: process.env.PAYLOAD_TYPES_AUTOGENERATE !== 'false',
    // The module augmentation lives in payload-augment.d.ts, outside what the plugin publishes.
    declare: false,
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
})
