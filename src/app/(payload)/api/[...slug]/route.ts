import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { contentVersion, withAdmission, withAnswerBudget, withErrorBoundary, withHttpCaching } from '../../../../index.js'

/** Payload's REST API: /api/<collection>, /api/<collection>/<id>, /api/users/login, … */
// Anonymous reads of articles, glossary terms and sources carry ETag and Cache-Control, and answer 304
// (the ETag decided from the content version before the answer is built).
// Every route answers bad bodies with 4xx and never leaks what it could not handle.
// An anonymous answer is counted against its response budget as Payload serialised it (withAnswerBudget).
// Anonymous requests take turns (withAdmission: a few built at once, the rest wait in line, then
// 503); a signed-in editor's never wait. An answer replayed from the store or a 304 takes no turn.
export const GET = withErrorBoundary(withHttpCaching(withAdmission(withAnswerBudget(REST_GET(config)), { config }), { config, version: contentVersion(config) }))
export const POST = withErrorBoundary(withAdmission(REST_POST(config), { config }))
export const DELETE = withErrorBoundary(withAdmission(REST_DELETE(config), { config }))
export const PATCH = withErrorBoundary(withAdmission(REST_PATCH(config), { config }))
export const PUT = withErrorBoundary(withAdmission(REST_PUT(config), { config }))
export const OPTIONS = REST_OPTIONS(config)
