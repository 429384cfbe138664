import type { Endpoint } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { buildOpenApi } from './buildOpenApi.js'

/** Path of the OpenAPI document under the REST API's route (`/api/openapi.json`). */
export const OPENAPI_PATH = '/openapi.json'

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 document of the plugin's REST surface, built from
 * the running config (so a host's renamed collections and its own fields are in it).
 */
export const createOpenApiEndpoint = (options: SanitizedOptions): Endpoint => ({
  handler: (req) => {
    const { routes, serverURL } = req.payload.config
    // Without a configured serverURL, a relative server: clients resolve it against where they
    // fetched the document (behind a proxy, the request's own host may not be the public one).
    const document = buildOpenApi({ config: req.payload.config, options, serverUrl: `${serverURL ?? ''}${routes.api}` })
    return Response.json(document, { headers: { 'Cache-Control': 'public, max-age=300' } })
  },
  method: 'get',
  path: OPENAPI_PATH,
})
