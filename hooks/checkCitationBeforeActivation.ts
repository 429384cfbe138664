import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { toCalendarDate } from '../rules/calendarDate.js'
import { checkCitation } from '../rules/citation.js'
import type { SanitizedOptions } from '../rules/options.js'
import { idOf } from '../rules/ids.js'

/**
 * The citation rule at the moment an article becomes (or stays) `active`, through approval or
 * an import: every missing or mismatching part is a field error, and nothing is written.
 */
export const checkCitationBeforeActivation =
  (options: SanitizedOptions): CollectionBeforeChangeHook =>
  async ({ collection, data, req }) => {
    if (data.status !== 'active' || data._status !== 'published') return data
    const sourceId = idOf(data.source)
    const source =
      sourceId === null
        ? null
        : await req.payload
            .findByID({ collection: options.collections.sources, depth: 0, disableErrors: true, id: sourceId, overrideAccess: true, req })
            .then((doc) => (doc && 'label' in doc && typeof doc.label === 'string' ? { label: doc.label } : null))
    const problems = checkCitation(
      {
        citation: typeof data.citation === 'string' ? data.citation : null,
        lastReviewed: toCalendarDate(data.lastReviewed),
        license: typeof data.license === 'string' ? data.license : null,
        url: typeof data.url === 'string' ? data.url : null,
      },
      source,
    )
    if (problems.length > 0) {
      throw new ValidationError({ collection: collection.slug, errors: problems, req })
    }
    return data
  }
