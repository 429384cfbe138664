import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'

import { firstBootImportEndpoint, startFirstBootImport } from './src/app/_firstBoot/firstBootImport.js'
import { smtpSettingsFromEnv } from './rules/smtpSettings.js'
import { smtpEmailAdapter } from './src/email/smtpEmailAdapter.js'
import { cancerContentPlugin } from './src/index.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** The development secret: refused in production, where PAYLOAD_SECRET must be set. */
const DEV_SECRET = 'dev-only-secret-change-me-in-production'

const secret = process.env.PAYLOAD_SECRET || DEV_SECRET
if (process.env.NODE_ENV === 'production' && secret === DEV_SECRET) {
  throw new Error('PAYLOAD_SECRET must be set to a long random string when NODE_ENV=production')
}

/**
 * How long a request waits for a database connection before it answers 503. `next dev` compiles
 * a page on the server's own event loop, for up to minutes on a small machine: pg's timers then
 * fire when the loop is free again, before the connection that was in fact made (or the pool slot
 * that was in fact freed) is read, and every connection attempt of that moment failed. Signed-in
 * requests read that as signed out (Payload's JWT strategy treats a failed user lookup as no user):
 * under the first-boot import, the admin lost its session. Development waits longer.
 */
const DEFAULT_CONNECT_TIMEOUT_MS = process.env.NODE_ENV === 'development' ? 120_000 : 10_000

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) {
  throw new Error(
    'DATABASE_URL is not set: start the app with `npm run dev` or `npm start` (they run the embedded database), or point DATABASE_URL at PostgreSQL',
  )
}

// Notification email over SMTP when SMTP_HOST is set; without it Payload writes mail to the log.
const smtp = smtpSettingsFromEnv(process.env)

export default buildConfig({
  admin: {
    // No gravatar: the admin must not call out to the internet for an avatar.
    avatar: 'default',
    // While the demo's first-boot import runs, a banner says how far it is.
    components: { header: ['/app/_firstBoot/FirstBootImportStatus.js#FirstBootImportStatus'] },
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
    pool: {
      connectionString: databaseUrl,
      // Waiting for a connection is bounded: past it a request answers 503 instead of hanging.
      connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? DEFAULT_CONNECT_TIMEOUT_MS),
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    },
    push: process.env.PAYLOAD_DB_PUSH !== 'false',
  }),
  editor: lexicalEditor(),
  jobs: {
    // Payload's runner claims a job with a read and a separate write, so two instances working
    // the queue at one moment can both claim it; when the first then deleted the finished job,
    // the second failed on the missing row. Kept finished jobs let the second see the work done
    // (the sweep itself runs once per slot either way: src/jobs/reviewSweepTask.ts).
    deleteJobOnComplete: false,
  },
  ...(smtp ? { email: smtpEmailAdapter(smtp) } : {}),
  endpoints: [firstBootImportEndpoint],
  // The demo seeds itself on its first boot on an empty database (src/app/_firstBoot).
  onInit: startFirstBootImport,
  // JOBS_AUTORUN=false: the app instances leave the jobs queue (the daily review sweep) to a
  // separate worker, `npm run payload -- jobs:run --queue cancer-content --handle-schedules`.
  plugins: [
    cancerContentPlugin({
      evidenceCheck: {
        // Empty: any public host. Listed: only those hosts (which may then be private: test servers).
        allowedHosts: (process.env.EVIDENCE_CHECK_ALLOWED_HOSTS ?? '')
          .split(',')
          .map((host) => host.trim())
          .filter(Boolean),
        autoRun: process.env.JOBS_AUTORUN !== 'false' && process.env.EVIDENCE_CHECK_AUTORUN !== 'false',
        ...(process.env.EVIDENCE_CHECK_TIMEOUT_MS ? { timeoutMs: Number(process.env.EVIDENCE_CHECK_TIMEOUT_MS) } : {}),
      },
      // Links in notification emails point here (a job does not know the request's origin).
      ...(process.env.APP_URL ? { notifications: { appUrl: process.env.APP_URL } } : {}),
      reviewSweep: { autoRun: process.env.JOBS_AUTORUN !== 'false' },
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
