import { getPayload, type Payload, type SanitizedConfig } from 'payload'

/**
 * Boots Payload on another database of the run's server, for a test file that needs a database
 * of its own. The config reads DATABASE_URL when its module is first evaluated, so a file that
 * uses this must not import the config (or tests/helpers/payload.ts) statically.
 */
export const bootPayloadOn = async (url: string, key: string): Promise<Payload> => {
  const runUrl = process.env.DATABASE_URL
  process.env.DATABASE_URL = url
  try {
    const { default: own } = (await import('../../payload.config.js')) as { default: Promise<SanitizedConfig> }
    return await getPayload({ config: await own, key })
  } finally {
    process.env.DATABASE_URL = runUrl
  }
}
