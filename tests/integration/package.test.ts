import { execFile } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

import { useScratch } from '../helpers/scratch.js'
import { databaseUrl, uniqueDatabaseName } from '../setup/testDatabase.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const server = process.env.TEST_DATABASE_SERVER_URL as string
const scratch = path.join(root, 'tests/.tmp', `host-${process.pid}-${Date.now().toString(36)}`)
const database = uniqueDatabaseName('cancer_content_pack')

// The host installs the Payload version this repository is tested with.
const { version: payloadVersion } = JSON.parse(
  await readFile(path.join(root, 'node_modules/payload/package.json'), 'utf8'),
) as { version: string }

// A host app of its own: its own package.json, its own Payload config, the plugin from the
// tarball with options of its own (other slugs, another auth collection name).
const hostScript = `
import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, getPayload } from 'payload'
import { cancerContentPlugin, ARTICLE_STATUSES } from 'payload-plugin-governed-cancer-content'

const config = buildConfig({
  collections: [{ slug: 'members', auth: true, fields: [] }, { slug: 'pages', fields: [{ name: 'title', type: 'text' }] }],
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL } }),
  editor: lexicalEditor(),
  plugins: [cancerContentPlugin({ collections: { articles: 'cancer-articles' }, dueSoonDays: 30, usersCollection: 'members' })],
  secret: 'scratch-host-secret',
  telemetry: false,
  typescript: { autoGenerate: false },
})

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
      type: 'module',
    }),
  )
  await writeFile(path.join(scratch, 'host.mjs'), hostScript)
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: scratch,
    maxBuffer: 16 * 1024 * 1024,
  })

  const { stdout } = await run(process.execPath, ['host.mjs'], {
    cwd: scratch,
    env: { ...process.env, DATABASE_URL: databaseUrl(server, database), NODE_ENV: 'development' },
    maxBuffer: 16 * 1024 * 1024,
  })
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}')
  expect(result).toEqual({
    anonymousCount: 0,
    article: { nextReviewDue: '2026-04-30T12:00:00.000Z', status: 'draft' },
    byMember: { lastReviewed: null, status: 'draft' },
    collections: expect.arrayContaining(['members', 'pages', 'cancer-articles', 'sources', 'glossary-terms', 'workflow-events']),
    memberRole: 'admin',
    statuses: ['draft', 'in_review', 'active', 'retired'],
  })
}, 600_000)
