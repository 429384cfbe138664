/**
 * Request-context keys that trusted server paths set on their Local API calls. Each relaxes
 * exactly one rule and nothing else: citation checks and field validation always run.
 */

/**
 * Set by the workflow endpoint and the importer on the writes that move an article's status.
 * Without it, a write to an article is always saved as a draft of its working copy: status and
 * publication change only through the workflow (or an import), never by mass assignment.
 * Value: who is writing, e.g. `'workflow'` or `'import'`.
 */
export const GOVERNED_WRITE = 'cancerContent.governedWrite'

/** The values `GOVERNED_WRITE` may take. */
export type GovernedWriter = 'import' | 'workflow'
