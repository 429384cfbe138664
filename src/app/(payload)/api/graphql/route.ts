import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withAdmission, withErrorBoundary } from '../../../../index.js'

/** Payload's GraphQL endpoint; a malformed body is a 400, a database outage a 503; anonymous queries take turns (withAdmission). */
export const POST = withErrorBoundary(withAdmission(GRAPHQL_POST(config), { config }))
export const OPTIONS = REST_OPTIONS(config)
