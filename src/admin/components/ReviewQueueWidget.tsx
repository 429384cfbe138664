'use client'
import { Button, Link, toast, useAuth, useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { type CSSProperties, useEffect, useState } from 'react'

import { displayName, displayTitle } from '../../../rules/displayName.js'
import { hasRole } from '../../../rules/roles.js'
import { Badge, StatusBadge } from './Badge.js'
import {
  type LastEvent,
  latestEventByArticle,
  QUEUE_VIEW_LABELS,
  QUEUE_VIEWS,
  type QueueEntry,
  queueQuery,
  queueReason,
  type QueueView,
  readQueuePage,
  takeable,
  type WorkDoc,
  workState,
} from './queueModel.js'
import { muted, Table, tableCell } from './Table.js'

/** Props the plugin passes to the widget (`clientProps`). */
export interface ReviewQueueWidgetProps {
  /** Slug of the articles collection. */
  articlesSlug?: string
  /** Slug of the workflow-events collection (an editor's article sent back shows the reviewer's comment). */
  workflowEventsSlug?: string
}

const card: CSSProperties = {
  background: 'var(--theme-elevation-0)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m, 4px)',
  marginBottom: 'calc(var(--base) * 1.5)',
  padding: '16px 20px',
  width: '100%',
}
const cell: CSSProperties = { ...tableCell, padding: '8px 12px 8px 0', textAlign: 'left' }

// The editor's own work: drafts and submissions they last edited or submitted, latest first.
const mine = (userId: number | string): string => {
  const me = encodeURIComponent(String(userId))
  return [
    'draft=true&depth=0&limit=10&sort=-updatedAt',
    'where[and][0][status][in]=draft,in_review',
    `where[and][1][or][0][lastEditedBy][equals]=${me}`,
    `where[and][1][or][1][submittedBy][equals]=${me}`,
    'select[title]=true&select[status]=true&select[updatedAt]=true',
  ].join('&')
}

const daysSince = (iso: string, now: number): number =>
  Math.max(0, Math.floor((now - new Date(iso).getTime()) / 86_400_000))

const waited = (entry: QueueEntry, now: number): string => {
  const days = daysSince(entry.since, now)
  const reason = queueReason(entry.reason).key
  if (reason === 'due_soon') return `due ${entry.nextReviewDue?.slice(0, 10) ?? ''}`
  if (reason === 'overdue') return days === 0 ? 'due today' : `${days} day${days === 1 ? '' : 's'} overdue`
  if (reason === 'source_changed') return days === 0 ? 'source changed today' : `source changed ${days} day${days === 1 ? '' : 's'} ago`
  return days === 0 ? 'submitted today' : `waiting ${days} day${days === 1 ? '' : 's'}`
}

/**
 * The dashboard widget that puts what needs attention first. Reviewers and admins get the
 * reviewers' queue (`GET /api/<articles>/review-queue`): submissions waiting for a decision
 * (assigned to me, unassigned, then others'), then source changes, overdue and due soon, each
 * linking to its article, with who it is assigned to, a "Take" button for an unassigned one, and
 * the queue's filters. Editors get their drafts and submissions, most recently changed first; an
 * article sent back says "Changes requested" with the reviewer's comment.
 */
export const ReviewQueueWidget = ({
  articlesSlug = 'articles',
  workflowEventsSlug = 'workflow-events',
}: ReviewQueueWidgetProps) => {
  const { user } = useAuth()
  const { config } = useConfig()
  const reviewer = hasRole(user, 'reviewer', 'admin')
  const [queue, setQueue] = useState<null | QueueEntry[]>(null)
  // The whole queue's size and the next page to read ("Show more"), the queue being read a page at a time.
  const [queueTotal, setQueueTotal] = useState(0)
  const [nextPage, setNextPage] = useState<null | number>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [work, setWork] = useState<null | WorkDoc[]>(null)
  const [lastEvents, setLastEvents] = useState<Map<string, LastEvent>>(new Map())
  const [error, setError] = useState<null | string>(null)
  const [view, setView] = useState<QueueView>('all')
  const [reload, setReload] = useState(0)
  const [taking, setTaking] = useState<null | number | string>(null)

  const api = (path: `/${string}`) => formatAdminURL({ apiRoute: config.routes.api, path, serverURL: config.serverURL })

  useEffect(() => {
    if (!user) return
    const controller = new AbortController()
    const url = (path: `/${string}`) =>
      formatAdminURL({ apiRoute: config.routes.api, path, serverURL: config.serverURL })
    const get = async (path: `/${string}`) => {
      const response = await fetch(url(path), { credentials: 'include', signal: controller.signal })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      return (await response.json()) as { docs?: unknown[] }
    }
    const load = async () => {
      if (reviewer) {
        const first = readQueuePage(await get(`/${articlesSlug}/review-queue${queueQuery(view)}`))
        setQueue(first.entries)
        setQueueTotal(first.total)
        setNextPage(first.nextPage)
        return
      }
      const docs = ((await get(`/${articlesSlug}?${mine(user.id)}`)).docs ?? []) as WorkDoc[]
      setWork(docs)
      const drafts = docs.filter((doc) => doc.status === 'draft').map((doc) => encodeURIComponent(String(doc.id)))
      if (drafts.length === 0) return
      const select = 'select[action]=true&select[article]=true&select[actorLabel]=true&select[comment]=true&select[createdAt]=true'
      const events = await get(
        `/${workflowEventsSlug}?where[article][in]=${drafts.join(',')}&sort=-createdAt&limit=200&depth=0&${select}`,
      )
      setLastEvents(latestEventByArticle((events.docs ?? []) as LastEvent[]))
    }
    load()
      .then(() => setError(null))
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason))
      })
    return () => controller.abort()
  }, [articlesSlug, config.routes.api, config.serverURL, reload, reviewer, user, view, workflowEventsSlug])

  const showMore = async () => {
    if (nextPage === null) return
    setLoadingMore(true)
    try {
      const response = await fetch(api(`/${articlesSlug}/review-queue${queueQuery(view, nextPage)}`), { credentials: 'include' })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      const more = readQueuePage(await response.json())
      // An entry already shown (the queue moved between pages) is shown once.
      setQueue((shown) => {
        const seen = new Set((shown ?? []).map((entry) => `${entry.reason}-${entry.id}`))
        return [...(shown ?? []), ...more.entries.filter((entry) => !seen.has(`${entry.reason}-${entry.id}`))]
      })
      setQueueTotal(more.total)
      setNextPage(more.nextPage)
    } catch (reason) {
      toast.error(`Could not load more: ${reason instanceof Error ? reason.message : String(reason)}`)
    } finally {
      setLoadingMore(false)
    }
  }

  const take = async (entry: QueueEntry) => {
    if (!user) return
    setTaking(entry.id)
    try {
      const response = await fetch(api(`/${articlesSlug}/${entry.id}/assignment`), {
        body: JSON.stringify({ assignee: user.id }),
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { errors?: { message?: string }[] } | null
        toast.error(body?.errors?.[0]?.message ?? `Could not take it (HTTP ${response.status}).`)
      } else {
        toast.success(`You review “${displayTitle(entry)}”.`)
      }
    } finally {
      setTaking(null)
      setReload((count) => count + 1)
    }
  }

  const articleUrl = (id: number | string) =>
    formatAdminURL({
      adminRoute: config.routes.admin,
      path: `/collections/${articlesSlug}/${id}`,
      serverURL: config.serverURL,
    })
  const now = Date.now()
  const entries = reviewer ? queue : work

  return (
    <section
      aria-label={reviewer ? 'Review queue' : 'Your drafts and submissions'}
      data-testid="review-queue"
      style={card}
    >
      <div
        style={{
          alignItems: 'baseline',
          display: 'flex',
          flexWrap: 'wrap',
          gap: '10px',
          justifyContent: 'space-between',
          marginBottom: '8px',
        }}
      >
        <h2 style={{ fontSize: '18px', margin: 0 }}>
          {reviewer ? 'Review queue' : 'Your drafts and submissions'}
          {entries && entries.length > 0 ? (
            <span data-testid="review-queue-count" style={{ ...muted, fontSize: '14px', marginLeft: '8px' }}>
              {reviewer ? queueTotal : entries.length}
            </span>
          ) : null}
        </h2>
        <span style={muted}>
          {reviewer
            ? 'Submissions first (assigned to you, then unassigned), then overdue and due soon: oldest first'
            : 'Drafts and articles in review, latest first'}
        </span>
      </div>
      {reviewer ? (
        <div aria-label="Filter the queue" role="group" style={{ display: 'flex', flexWrap: 'wrap', gap: '6px', marginBottom: '8px' }}>
          {QUEUE_VIEWS.map((option) => (
            <button
              aria-pressed={view === option}
              data-filter={option}
              data-testid="review-queue-filter"
              key={option}
              onClick={() => setView(option)}
              style={{
                background: view === option ? 'var(--theme-elevation-800)' : 'var(--theme-elevation-50)',
                border: '1px solid var(--theme-elevation-250)',
                borderRadius: '999px',
                color: view === option ? 'var(--theme-elevation-0)' : 'var(--theme-elevation-800)',
                cursor: 'pointer',
                font: 'inherit',
                fontSize: '12px',
                padding: '2px 10px',
              }}
              type="button"
            >
              {QUEUE_VIEW_LABELS[option]}
            </button>
          ))}
        </div>
      ) : null}
      {error ? (
        <p role="alert" style={{ ...muted, color: 'var(--theme-error-600)' }}>
          Could not load: {error}
        </p>
      ) : null}
      {!entries && !error ? <p style={muted}>Loading…</p> : null}
      {entries && entries.length === 0 ? (
        <p data-testid="review-queue-empty" style={muted}>
          {reviewer
            ? view === 'all'
              ? 'Nothing waits for review.'
              : `Nothing here: ${QUEUE_VIEW_LABELS[view].toLowerCase()}.`
            : 'You have no drafts or submissions.'}
        </p>
      ) : null}
      {reviewer && queue && queue.length > 0 ? (
        <Table cell={cell} columns={['Why', 'Article', 'Reviewer', 'Since', 'Next review due']}>
          {queue.map((entry) => {
            const reason = queueReason(entry.reason)
            const submission = reason.key === 'awaiting_decision'
            const mineToDecide = submission && entry.assignee && String(entry.assignee.id) === String(user?.id)
            return (
              <tr
                data-assigned={submission ? (entry.assignee ? 'yes' : 'no') : undefined}
                data-reason={reason.key}
                data-testid="review-queue-row"
                key={`${entry.reason}-${entry.id}`}
              >
                <td style={cell}>
                  <Badge symbol={reason.symbol} tone={reason.tone}>
                    {reason.label}
                  </Badge>
                </td>
                <td style={{ ...cell, fontWeight: 500 }}>
                  <Link href={articleUrl(entry.id)}>{displayTitle({ id: entry.id, title: entry.title })}</Link>
                  {submission && entry.submittedBy ? (
                    <span style={{ ...muted, display: 'block', fontSize: '12px', fontWeight: 400 }}>
                      submitted by {displayName(entry.submittedBy)}
                    </span>
                  ) : null}
                </td>
                <td data-testid="review-queue-assignee" style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {!submission ? (
                    '—'
                  ) : entry.assignee ? (
                    <span style={mineToDecide ? { fontWeight: 600 } : undefined}>
                      {mineToDecide ? 'You' : displayName(entry.assignee)}
                    </span>
                  ) : (
                    <span style={{ alignItems: 'center', display: 'inline-flex', gap: '8px' }}>
                      <span style={muted}>Unassigned</span>
                      {takeable(entry, user?.id ?? null) ? (
                        <Button
                          buttonStyle="secondary"
                          disabled={taking !== null}
                          extraButtonProps={{ 'data-action': 'take' }}
                          margin={false}
                          onClick={() => void take(entry)}
                          size="small"
                        >
                          {taking === entry.id ? 'Taking…' : 'Take'}
                        </Button>
                      ) : null}
                    </span>
                  )}
                </td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{waited(entry, now)}</td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{entry.nextReviewDue?.slice(0, 10) ?? '—'}</td>
              </tr>
            )
          })}
        </Table>
      ) : null}
      {reviewer && queue && nextPage !== null ? (
        <div style={{ alignItems: 'center', display: 'flex', gap: '10px', marginTop: '8px' }}>
          <Button
            buttonStyle="secondary"
            disabled={loadingMore}
            extraButtonProps={{ 'data-testid': 'review-queue-more' }}
            margin={false}
            onClick={() => void showMore()}
            size="small"
          >
            {loadingMore ? 'Loading…' : 'Show more'}
          </Button>
          <span style={muted}>
            {queue.length} of {queueTotal} shown
          </span>
        </div>
      ) : null}
      {!reviewer && work && work.length > 0 ? (
        <Table cell={cell}>
          {work.map((doc) => {
            const state = workState(doc, lastEvents.get(String(doc.id)))
            return (
              <tr data-state={state.changesRequested ? 'changes_requested' : state.status} data-testid="review-queue-row" key={doc.id}>
                <td style={{ ...cell, width: '1%' }}>
                  {state.changesRequested ? (
                    <Badge symbol="↩" testId="status-changes-requested" tone="warning">
                      Changes requested
                    </Badge>
                  ) : (
                    <StatusBadge status={doc.status} />
                  )}
                </td>
                <td style={{ ...cell, fontWeight: 500 }}>
                  <Link href={articleUrl(doc.id)}>{displayTitle({ id: doc.id, title: doc.title })}</Link>
                  {state.changesRequested ? (
                    <span
                      data-testid="review-queue-comment"
                      style={{ ...muted, display: 'block', fontSize: '12px', fontWeight: 400, whiteSpace: 'pre-wrap' }}
                    >
                      “{state.changesRequested.comment}”
                      {state.changesRequested.event.createdAt
                        ? ` (${state.changesRequested.event.createdAt.slice(0, 10)})`
                        : ''}
                    </span>
                  ) : null}
                </td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {doc.updatedAt ? `changed ${doc.updatedAt.slice(0, 10)}` : ''}
                </td>
              </tr>
            )
          })}
        </Table>
      ) : null}
    </section>
  )
}
