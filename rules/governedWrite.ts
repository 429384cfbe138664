import type { RequestContext } from 'payload'

/**
 * Request-context keys that trusted server paths set on their Local API calls. Each relaxes
 * exactly one rule and nothing else: citation checks and field validation always run.
 */

/**
 * Set by the workflow (endpoint, GraphQL mutation) and the importer on the writes that move an
 * article's status. Without it, a write to an article is always saved as a draft of its working
 * copy and keeps its status: status and publication change only through the workflow (or an
 * import), never by mass assignment, bulk update, duplicate or version restore.
 * Value: who is writing, `'workflow'` or `'import'`.
 */
export const GOVERNED_WRITE = 'cancerContent.governedWrite'

/** The values `GOVERNED_WRITE` may take. */
export type GovernedWriter = 'import' | 'workflow'

/** Who is making a governed write, or `null` for an ordinary write. */
export const governedWriter = (context: RequestContext | undefined): GovernedWriter | null => {
  const value = context?.[GOVERNED_WRITE]
  return value === 'import' || value === 'workflow' ? value : null
}

/**
 * The request context of a governed write: the one way the workflow, the importer and trusted
 * test fixtures say who is writing.
 */
export const governedWriteContext = (writer: GovernedWriter): RequestContext => ({ [GOVERNED_WRITE]: writer })
