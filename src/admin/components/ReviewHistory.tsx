'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { type CSSProperties, useEffect, useState } from 'react'

import { StatusBadge } from './Badge.js'
import { WORKFLOW_CHANGED_EVENT } from './events.js'

/** Props the plugin passes to the review history (`clientProps`). */
export interface ReviewHistoryProps {
  /** Slug of the workflow-events collection. */
  workflowEventsSlug?: string
}

interface EventDoc {
  action: string
  actorLabel?: string
  comment?: null | string
  createdAt: string
  from?: null | string
  id: number | string
  to: string
}

const ACTION_TEXT: Readonly<Record<string, string>> = {
  approve: 'Approved',
  import: 'Imported',
  request_changes: 'Changes requested',
  retire: 'Retired',
  submit: 'Submitted for review',
}

const cell: CSSProperties = {
  borderTop: '1px solid var(--theme-elevation-100)',
  fontSize: '13px',
  padding: '8px 10px 8px 0',
  verticalAlign: 'top',
}
const muted: CSSProperties = { color: 'var(--theme-elevation-600)', fontSize: '13px', margin: 0 }

const when = (iso: string): string => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime())
    ? iso
    : `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`
}

/**
 * The review history of an article in its edit view (replaces the `reviewHistory` join's table):
 * every workflow transition, newest first, with who made it, when, from and to which state, and
 * the reviewer's comment in full.
 */
export const ReviewHistory = ({ workflowEventsSlug = 'workflow-events' }: ReviewHistoryProps) => {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [events, setEvents] = useState<EventDoc[] | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [reload, setReload] = useState(0)

  useEffect(() => {
    const onChange = () => setReload((count) => count + 1)
    window.addEventListener(WORKFLOW_CHANGED_EVENT, onChange)
    return () => window.removeEventListener(WORKFLOW_CHANGED_EVENT, onChange)
  }, [])

  useEffect(() => {
    if (id === undefined || id === null) return
    const controller = new AbortController()
    const url = formatAdminURL({
      apiRoute: config.routes.api,
      path: `/${workflowEventsSlug}?where[article][equals]=${encodeURIComponent(String(id))}&sort=-createdAt&limit=100&depth=0`,
      serverURL: config.serverURL,
    })
    fetch(url, { credentials: 'include', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        const body = (await response.json()) as { docs?: EventDoc[] }
        setEvents(body.docs ?? [])
        setError(null)
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason))
      })
    return () => controller.abort()
  }, [config.routes.api, config.serverURL, id, reload, workflowEventsSlug])

  return (
    <section aria-label="Review history" data-testid="review-history" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <h3 style={{ fontSize: '16px', margin: '0 0 8px' }}>Review history</h3>
      {id === undefined || id === null ? <p style={muted}>No history yet: the article has not been saved.</p> : null}
      {error ? (
        <p role="alert" style={{ ...muted, color: 'var(--theme-error-600)' }}>
          Could not load the history: {error}
        </p>
      ) : null}
      {events && events.length === 0 ? <p style={muted}>No workflow transitions yet.</p> : null}
      {events && events.length > 0 ? (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              {['When', 'What', 'From → to', 'Who', 'Comment'].map((title) => (
                <th
                  key={title}
                  style={{
                    ...cell,
                    borderTop: 'none',
                    color: 'var(--theme-elevation-600)',
                    fontWeight: 500,
                    textAlign: 'left',
                  }}
                >
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr data-action={event.action} data-testid="review-history-row" key={event.id}>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{when(event.createdAt)}</td>
                <td style={cell}>{ACTION_TEXT[event.action] ?? event.action}</td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {event.from ? <StatusBadge status={event.from} /> : '—'} → <StatusBadge status={event.to} />
                </td>
                <td style={cell}>{event.actorLabel ?? '—'}</td>
                <td style={{ ...cell, whiteSpace: 'pre-wrap' }}>{event.comment || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
