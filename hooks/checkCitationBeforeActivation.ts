import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { todayUtc, toCalendarDate } from '../rules/calendarDate.js'
import { completenessProblems } from '../rules/completeness.js'
import type { SanitizedOptions } from '../rules/options.js'
import { governedWriter } from '../rules/governedWrite.js'
import { readSourceSnapshot } from '../records/sourceFacts.js'

/**
 * Completeness (rules/completeness.ts: the citation rule, a body with text, title, url, …) of
 * the whole working copy when an article is submitted for review and again when it becomes
 * (or stays) `active`, through approval or an import: every missing or mismatching part is a
 * field error, and nothing is written. On activation the source's facts are frozen onto the
 * approved version (`citationSnapshot`), so that its citation outputs change only through the
 * next approval.
 */
export const checkCitationBeforeActivation =
  (options: SanitizedOptions): CollectionBeforeChangeHook =>
  async ({ collection, data, req }) => {
    const activating = data.status === 'active' && data._status === 'published'
    const submitting = data.status === 'in_review' && governedWriter(req.context) === 'workflow'
    if (!activating && !submitting) return data
    const source = await readSourceSnapshot(req, options.collections.sources, data.source)
    const problems = completenessProblems(
      {
        audienceLevel: data.audienceLevel,
        body: data.body,
        cancerTypes: data.cancerTypes,
        citation: typeof data.citation === 'string' ? data.citation : null,
        language: data.language,
        // A submission is judged against the review date its approval would give: today.
        lastReviewed: activating ? toCalendarDate(data.lastReviewed) : todayUtc(options.now()),
        license: typeof data.license === 'string' ? data.license : null,
        reviewFrequency: data.reviewFrequency,
        title: data.title,
        url: typeof data.url === 'string' ? data.url : null,
      },
      source,
    )
    if (problems.length > 0) {
      throw new ValidationError({ collection: collection.slug, errors: problems, req })
    }
    return activating && source ? { ...data, citationSnapshot: source } : data
  }
