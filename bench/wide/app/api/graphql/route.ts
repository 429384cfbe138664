import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import config from '../../../payload.config.js'

/** The same data model in plain Payload's GraphQL API. */
export const POST = GRAPHQL_POST(config)
export const OPTIONS = REST_OPTIONS(config)
