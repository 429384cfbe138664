import { REST_GET, REST_OPTIONS, REST_POST } from '@payloadcms/next/routes'

import config from '../../../payload.config.js'

/** The same data model in plain Payload's REST API, as the Payload app template wires it. */
export const GET = REST_GET(config)
export const POST = REST_POST(config)
export const OPTIONS = REST_OPTIONS(config)
