import { execFile } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

import { DOCUMENT, FIELDS } from '../helpers/articleDocument.js'
import { useScratch } from '../helpers/scratch.js'
import { databaseUrl, uniqueDatabaseName } from '../setup/testDatabase.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const server = process.env.TEST_DATABASE_SERVER_URL as string
const scratch = path.join(root, 'tests/.tmp', `host-${process.pid}-${Date.now().toString(36)}`)
const database = uniqueDatabaseName('cancer_content_pack')

/**
 * A script's answer: the last line of its output that is a JSON object. Payload's logger writes to
 * stdout too, and a log line (a job runner's, at exit) may come after the answer.
 */
const answerOf = (stdout: string): unknown => JSON.parse(stdout.trim().split('\n').filter((line) => line.startsWith('{')).pop() ?? '{}')

// The host installs the Payload version this repository is tested with.
const { version: payloadVersion } = JSON.parse(
  await readFile(path.join(root, 'node_modules/payload/package.json'), 'utf8'),
) as { version: string }

// A host app of its own: its own package.json, its own Payload config, the plugin from the
// tarball with options of its own (other slugs, another auth collection name).
const hostConfig = `
import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import { cancerContentPlugin } from 'payload-plugin-governed-cancer-content'

export default buildConfig({
  collections: [{ slug: 'members', auth: true, fields: [] }, { slug: 'pages', fields: [{ name: 'title', type: 'text' }] }],
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL } }),
  editor: lexicalEditor(),
  plugins: [
    cancerContentPlugin({
      collections: { articles: 'cancer-articles', sources: 'cancer-sources', workflowEvents: 'cancer-events' },
      dueSoonDays: 30,
      usersCollection: 'members',
    }),
  ],
  secret: 'scratch-host-secret',
  telemetry: false,
  typescript: { autoGenerate: false },
})
`

const hostScript = `
import { getPayload } from 'payload'
import { ARTICLE_STATUSES } from 'payload-plugin-governed-cancer-content'
import config from './payload.config.mjs'

const payload = await getPayload({ config })
const member = await payload.create({ collection: 'members', data: { email: 'host@example.test', password: 'host password 1' } })
// lastReviewed is written by the workflow or a trusted import, never by a user: the system writes it here.
const article = await payload.create({
  collection: 'cancer-articles',
  data: { lastReviewed: '2026-01-31', title: 'Host article', url: 'https://example.org/a' },
})
const byMember = await payload.create({
  collection: 'cancer-articles',
  data: { lastReviewed: '2026-01-31', status: 'active', title: 'Member article', url: 'https://example.org/b' },
  overrideAccess: false,
  user: member,
})
const anonymous = await payload.find({ collection: 'cancer-articles', overrideAccess: false })
console.log(JSON.stringify({
  article: { nextReviewDue: article.nextReviewDue, status: article.status },
  byMember: { lastReviewed: byMember.lastReviewed ?? null, status: byMember.status },
  anonymousCount: anonymous.totalDocs,
  collections: Object.keys(payload.collections),
  memberRole: member.role,
  statuses: ARTICLE_STATUSES,
}))
process.exit(0)
`

// After the host's seed command: what the import wrote, and the REST API (Payload's own handler, as a
// Next.js route serves it) wrapped by withHttpCaching given only the config.
const afterSeedScript = `
import { getPayload, handleEndpoints } from 'payload'
import { withHttpCaching } from 'payload-plugin-governed-cancer-content'
import config from './payload.config.mjs'

const payload = await getPayload({ config })
const imported = await payload.find({ collection: 'cancer-articles', depth: 0, where: { url: { equals: process.env.ARTICLE_URL } } })
const events = await payload.find({ collection: 'cancer-events', depth: 0, where: { action: { equals: 'import' } } })
const sources = await payload.find({ collection: 'cancer-sources', depth: 0 })
const GET = withHttpCaching((request) => handleEndpoints({ config, request }), { config })
const get = async (path, headers = {}) => {
  const response = await GET(new Request('http://localhost' + path, { headers }), {})
  await response.arrayBuffer()
  return { etag: response.headers.get('etag'), status: response.status }
}
const list = await get('/api/cancer-articles?limit=5')
const again = await get('/api/cancer-articles?limit=5', { 'If-None-Match': list.etag ?? '' })
const terms = await get('/api/glossary-terms?limit=5')
const pages = await get('/api/pages')
console.log(JSON.stringify({
  again: again.status,
  events: events.docs.map((event) => ({ action: event.action, to: event.to })),
  imported: imported.docs.map((doc) => ({ status: doc.status, title: doc.title })),
  list,
  pages,
  sources: sources.docs.map((source) => source.label),
  terms: terms.status === 200 && terms.etag !== null,
}))
process.exit(0)
`

useScratch({ database, folder: scratch, server })

it('packs, installs into a host app of its own and boots there on a fresh database', async () => {
  await run('npm', ['pack', '--pack-destination', scratch], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
  const tarball = (await readdir(scratch)).find((file) => file.endsWith('.tgz'))
  expect(tarball).toBeDefined()

  await writeFile(
    path.join(scratch, 'package.json'),
    JSON.stringify({
      name: 'scratch-host',
      dependencies: {
        '@payloadcms/db-postgres': payloadVersion,
        '@payloadcms/richtext-lexical': payloadVersion,
        graphql: '^16.11.0',
        payload: payloadVersion,
        'payload-plugin-governed-cancer-content': `file:./${tarball}`,
      },
      private: true,
      // The plugin's seed command, run by the host as its own npm script.
      scripts: { seed: 'node node_modules/payload-plugin-governed-cancer-content/dist/seed/cli.js' },
      type: 'module',
    }),
  )
  await writeFile(path.join(scratch, 'payload.config.mjs'), hostConfig)
  await writeFile(path.join(scratch, 'host.mjs'), hostScript)
  await writeFile(path.join(scratch, 'afterSeed.mjs'), afterSeedScript)
  await writeFile(path.join(scratch, 'article.md'), DOCUMENT)
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: scratch,
    maxBuffer: 16 * 1024 * 1024,
  })

  const { stdout } = await run(process.execPath, ['host.mjs'], {
    cwd: scratch,
    env: { ...process.env, DATABASE_URL: databaseUrl(server, database), NODE_ENV: 'development' },
    maxBuffer: 16 * 1024 * 1024,
  })
  const result = answerOf(stdout)
  expect(result).toEqual({
    anonymousCount: 0,
    article: { nextReviewDue: '2026-04-30T12:00:00.000Z', status: 'draft' },
    byMember: { lastReviewed: null, status: 'draft' },
    collections: expect.arrayContaining(['members', 'pages', 'cancer-articles', 'cancer-sources', 'glossary-terms', 'cancer-events']),
    memberRole: 'admin',
    statuses: ['draft', 'in_review', 'active', 'retired'],
  })

  // The host's own `npm run seed` finds its config (PAYLOAD_CONFIG_PATH) and imports into the
  // slugs it gave the plugin, read from the config, not into the default ones.
  const hostEnv = { ...process.env, DATABASE_URL: databaseUrl(server, database), NODE_ENV: 'development' as const, PAYLOAD_CONFIG_PATH: 'payload.config.mjs' }
  const seeded = await run('npm', ['run', '--silent', 'seed', '--', '--json', 'article.md'], { cwd: scratch, env: hostEnv, maxBuffer: 16 * 1024 * 1024 })
  expect(answerOf(seeded.stdout)).toMatchObject({ created: 1, failed: [] })

  const after = await run(process.execPath, ['afterSeed.mjs'], {
    cwd: scratch,
    env: { ...hostEnv, ARTICLE_URL: String(FIELDS.url) },
    maxBuffer: 16 * 1024 * 1024,
  })
  expect(answerOf(after.stdout)).toEqual({
    again: 304,
    events: [{ action: 'import', to: 'active' }],
    imported: [{ status: 'active', title: FIELDS.title }],
    // Anonymous GETs of the host's own article path carry an ETag; its other collections do not.
    list: { etag: expect.stringMatching(/^"[\w-]{43}"$/), status: 200 },
    pages: expect.objectContaining({ etag: null }),
    sources: ['NCI'],
    terms: true,
  })
}, 600_000)
