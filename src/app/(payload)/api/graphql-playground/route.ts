import config from '@payload-config'
import '@payloadcms/next/css'
import { GRAPHQL_PLAYGROUND_GET } from '@payloadcms/next/routes'

/** The GraphQL playground (Payload serves it outside production only unless enabled in the config). */
export const GET = GRAPHQL_PLAYGROUND_GET(config)
