import type { Endpoint } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { lookupGlossary, parseGlossaryLookup } from '../search/lookupGlossary.js'

/**
 * The REST endpoint the plugin adds to the glossary-terms collection:
 * `GET /lookup?id=44817 | name=tumor | prefix=tum [&language=es] [&audience=patient] [&limit=10]`.
 */
export const createGlossaryEndpoints = (options: SanitizedOptions): Endpoint[] => [
  {
    handler: async (req) => {
      const lookup = parseGlossaryLookup(
        Object.fromEntries(req.searchParams),
        options.collections.glossaryTerms,
        req,
      )
      return Response.json({ docs: await lookupGlossary({ lookup, options, req }) })
    },
    method: 'get',
    path: '/lookup',
  },
]
