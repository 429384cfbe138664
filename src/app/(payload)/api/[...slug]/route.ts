import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { withErrorBoundary, withHttpCaching } from '../../../../index.js'

/** Payload's REST API: /api/<collection>, /api/<collection>/<id>, /api/users/login, … */
// Anonymous reads of articles and glossary terms carry ETag and Cache-Control, and answer 304.
// Every route answers bad bodies with 4xx and never leaks what it could not handle.
export const GET = withErrorBoundary(withHttpCaching(REST_GET(config), { config }))
export const POST = withErrorBoundary(REST_POST(config))
export const DELETE = withErrorBoundary(REST_DELETE(config))
export const PATCH = withErrorBoundary(REST_PATCH(config))
export const PUT = withErrorBoundary(REST_PUT(config))
export const OPTIONS = REST_OPTIONS(config)
