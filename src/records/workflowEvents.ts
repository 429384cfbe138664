import type { CollectionSlug, PayloadRequest } from 'payload'

import type { WorkflowEvent } from '../../payload-types.js'
import { newestVersionIdOf } from './articleVersions.js'

/** What a caller says about a workflow event; the article version it applied to is looked up. */
export type WorkflowEventInput = Omit<WorkflowEvent, 'createdAt' | 'id' | 'updatedAt' | 'versionId'> & {
  article: number
}

/**
 * Appends one event to an article's workflow record (the append-only `workflow-events`), naming
 * the article version it applied to: the newest version of the article, just written. Runs
 * through `req`, so the event commits or rolls back with the change it records. Used by the
 * workflow's transitions, assignment and the importer alike. Answers the event's id and the
 * version it names.
 */
export const appendWorkflowEvent = async (
  req: PayloadRequest,
  collections: { articles: CollectionSlug; workflowEvents: CollectionSlug },
  event: WorkflowEventInput,
): Promise<{ id: number; versionId: null | string }> => {
  const versionId = await newestVersionIdOf(req, collections.articles, event.article)
  const created = await req.payload.create({
    collection: collections.workflowEvents as 'workflow-events',
    data: { ...event, versionId },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { id: created.id, versionId }
}
