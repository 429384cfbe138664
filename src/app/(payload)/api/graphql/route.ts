import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withErrorBoundary } from '../../../../index.js'

/** Payload's GraphQL endpoint; a malformed body is a 400, a database outage a 503. */
export const POST = withErrorBoundary(GRAPHQL_POST(config))
export const OPTIONS = REST_OPTIONS(config)
