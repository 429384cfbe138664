'use client'
import { Link, useAuth, useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { type CSSProperties, useEffect, useState } from 'react'

import type { QueueEntry } from '../../../rules/reviewQueue.js'
import { hasRole } from '../../../rules/roles.js'
import { Badge, type BadgeTone, StatusBadge } from './Badge.js'

/** Props the plugin passes to the widget (`clientProps`). */
export interface ReviewQueueWidgetProps {
  /** Slug of the articles collection. */
  articlesSlug?: string
}


interface WorkDoc {
  id: number | string
  status?: string
  title?: string
  updatedAt?: string
}

const REASONS: Readonly<Record<QueueEntry['reason'], { label: string; symbol: string; tone: BadgeTone }>> = {
  awaiting_decision: { label: 'In review', symbol: '◐', tone: 'info' },
  due_soon: { label: 'Due soon', symbol: '◷', tone: 'warning' },
  overdue: { label: 'Overdue', symbol: '!', tone: 'danger' },
  source_changed: { label: 'Source changed', symbol: '↻', tone: 'warning' },
}

const card: CSSProperties = {
  background: 'var(--theme-elevation-0)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m, 4px)',
  marginBottom: 'calc(var(--base) * 1.5)',
  padding: '16px 20px',
  width: '100%',
}
const cell: CSSProperties = {
  borderTop: '1px solid var(--theme-elevation-100)',
  fontSize: '13px',
  padding: '8px 12px 8px 0',
  textAlign: 'left',
}
const muted: CSSProperties = { color: 'var(--theme-elevation-600)', fontSize: '13px', margin: 0 }

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
  if (entry.reason === 'due_soon') return `due ${entry.nextReviewDue?.slice(0, 10) ?? ''}`
  if (entry.reason === 'overdue') return days === 0 ? 'due today' : `${days} day${days === 1 ? '' : 's'} overdue`
  if (entry.reason === 'source_changed') return days === 0 ? 'source changed today' : `source changed ${days} day${days === 1 ? '' : 's'} ago`
  return days === 0 ? 'submitted today' : `waiting ${days} day${days === 1 ? '' : 's'}`
}

/**
 * The dashboard widget that puts what needs attention first. Reviewers and admins get the
 * reviewers' queue (`GET /api/<articles>/review-queue`): in review and not submitted by them,
 * overdue, due soon, oldest first, each linking to its article. Editors get their drafts and
 * submissions, most recently changed first.
 */
export const ReviewQueueWidget = ({ articlesSlug = 'articles' }: ReviewQueueWidgetProps) => {
  const { user } = useAuth()
  const { config } = useConfig()
  const reviewer = hasRole(user, 'reviewer', 'admin')
  const [queue, setQueue] = useState<null | QueueEntry[]>(null)
  const [work, setWork] = useState<null | WorkDoc[]>(null)
  const [error, setError] = useState<null | string>(null)

  useEffect(() => {
    if (!user) return
    const controller = new AbortController()
    const api = (path: `/${string}`) =>
      formatAdminURL({ apiRoute: config.routes.api, path, serverURL: config.serverURL })
    const url = reviewer ? api(`/${articlesSlug}/review-queue`) : api(`/${articlesSlug}?${mine(user.id)}`)
    fetch(url, { credentials: 'include', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        const body = (await response.json()) as { docs?: unknown[] }
        if (reviewer) setQueue((body.docs ?? []) as QueueEntry[])
        else setWork((body.docs ?? []) as WorkDoc[])
        setError(null)
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason))
      })
    return () => controller.abort()
  }, [articlesSlug, config.routes.api, config.serverURL, reviewer, user])

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
          gap: '10px',
          justifyContent: 'space-between',
          marginBottom: '8px',
        }}
      >
        <h2 style={{ fontSize: '18px', margin: 0 }}>
          {reviewer ? 'Review queue' : 'Your drafts and submissions'}
          {entries && entries.length > 0 ? (
            <span style={{ ...muted, fontSize: '14px', marginLeft: '8px' }}>{entries.length}</span>
          ) : null}
        </h2>
        <span style={muted}>
          {reviewer
            ? 'In review (not yours), overdue and due soon: oldest first'
            : 'Drafts and articles in review, latest first'}
        </span>
      </div>
      {error ? (
        <p role="alert" style={{ ...muted, color: 'var(--theme-error-600)' }}>
          Could not load: {error}
        </p>
      ) : null}
      {!entries && !error ? <p style={muted}>Loading…</p> : null}
      {entries && entries.length === 0 ? (
        <p data-testid="review-queue-empty" style={muted}>
          {reviewer ? 'Nothing waits for review.' : 'You have no drafts or submissions.'}
        </p>
      ) : null}
      {reviewer && queue && queue.length > 0 ? (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              {['Why', 'Article', 'Since', 'Next review due'].map((title) => (
                <th
                  key={title}
                  style={{ ...cell, borderTop: 'none', color: 'var(--theme-elevation-600)', fontWeight: 500 }}
                >
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {queue.map((entry) => (
              <tr data-reason={entry.reason} data-testid="review-queue-row" key={`${entry.reason}-${entry.id}`}>
                <td style={cell}>
                  <Badge symbol={REASONS[entry.reason].symbol} tone={REASONS[entry.reason].tone}>
                    {REASONS[entry.reason].label}
                  </Badge>
                </td>
                <td style={{ ...cell, fontWeight: 500 }}>
                  <Link href={articleUrl(entry.id)}>{entry.title}</Link>
                </td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{waited(entry, now)}</td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{entry.nextReviewDue?.slice(0, 10) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!reviewer && work && work.length > 0 ? (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <tbody>
            {work.map((doc) => (
              <tr data-testid="review-queue-row" key={doc.id}>
                <td style={{ ...cell, width: '1%' }}>
                  <StatusBadge status={doc.status} />
                </td>
                <td style={{ ...cell, fontWeight: 500 }}>
                  <Link href={articleUrl(doc.id)}>{doc.title ?? `Article ${doc.id}`}</Link>
                </td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {doc.updatedAt ? `changed ${doc.updatedAt.slice(0, 10)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
