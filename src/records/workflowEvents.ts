import type { CollectionSlug, PayloadRequest, TypedUser } from 'payload'

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

/** Who a workflow event names as its actor: the user, and a label that outlives the account (the e-mail). */
export const actorOf = (user: TypedUser): Pick<WorkflowEventInput, 'actor' | 'actorLabel'> => ({
  actor: user.id,
  actorLabel: typeof user.email === 'string' ? user.email : `user ${user.id}`,
})

/**
 * The change note of an article's latest submission (its latest `submit` event, or the latest
 * since `since`, an ISO time), or `null` when there is none or it carried no note. In `req`'s
 * transaction.
 */
export const latestChangeNote = async (
  req: PayloadRequest,
  workflowEvents: CollectionSlug,
  article: number,
  since?: string,
): Promise<null | string> => {
  const { docs } = await req.payload.find({
    collection: workflowEvents as 'workflow-events',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: { changeNote: true },
    sort: '-createdAt',
    where: {
      and: [
        { article: { equals: article } },
        { action: { equals: 'submit' } },
        ...(since === undefined ? [] : [{ createdAt: { greater_than_equal: since } }]),
      ],
    },
  })
  const note = docs[0]?.changeNote
  return typeof note === 'string' ? note : null
}
