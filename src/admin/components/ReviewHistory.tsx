'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { type CSSProperties, useEffect, useState } from 'react'

import { displayName } from '../../../rules/displayName.js'
import { StatusBadge } from './Badge.js'
import { REVIEW_HISTORY_ANCHOR, WORKFLOW_CHANGED_EVENT } from './events.js'
import { muted, Table, tableCell } from './Table.js'

/** Props the plugin passes to the review history (`clientProps`). */
export interface ReviewHistoryProps {
  /** Slug of the auth collection (actors are shown by name). */
  usersSlug?: string
  /** Slug of the workflow-events collection. */
  workflowEventsSlug?: string
}

interface EventDoc {
  action: string
  actor?: unknown
  actorLabel?: string
  assignee?: unknown
  attestation?: null | { statement?: null | string; version?: null | string }
  changeNote?: null | string
  comment?: null | string
  createdAt: string
  from?: null | string
  id: number | string
  to: string
}

const ACTION_TEXT: Readonly<Record<string, string>> = {
  approve: 'Approved',
  assign: 'Reviewer assigned',
  import: 'Imported',
  reaffirm: 'Reaffirmed (no changes)',
  request_changes: 'Changes requested',
  retire: 'Retired',
  submit: 'Submitted for review',
}

const cell: CSSProperties = { ...tableCell, padding: '8px 10px 8px 0', verticalAlign: 'top' }

// The actor populated (depth 1, name and email only): their name; else the label the event stored.
const who = (event: EventDoc): string =>
  event.actor && typeof event.actor === 'object' ? displayName(event.actor) : (event.actorLabel ?? '—')

const when = (iso: string): string => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime())
    ? iso
    : `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`
}

/** What an event says besides its state change: change note, assignee, attestation, comment. */
const EventNotes = ({ event }: { event: EventDoc }) => {
  const parts = [
    event.changeNote ? (
      <span data-testid="review-history-change-note" key="note">
        <strong>Change note:</strong> {event.changeNote}
      </span>
    ) : null,
    event.assignee ? (
      <span key="assignee">
        <strong>Reviewer:</strong> {displayName(event.assignee)}
      </span>
    ) : null,
    event.attestation?.statement ? (
      <span data-testid="review-history-attestation" key="attestation">
        <strong>Attested:</strong> “{event.attestation.statement}”
        {event.attestation.version ? ` (v${event.attestation.version})` : ''}
      </span>
    ) : null,
    event.comment ? (
      <span key="comment">
        {event.changeNote || event.attestation?.statement ? <strong>Comment: </strong> : null}
        {event.comment}
      </span>
    ) : null,
  ].filter((part) => part !== null)
  if (parts.length === 0) return <>—</>
  return <span style={{ display: 'flex', flexDirection: 'column', gap: '4px' }}>{parts}</span>
}

/**
 * The review history of an article in its edit view (replaces the `reviewHistory` join's table):
 * every workflow transition, newest first, with who made it (by name), when, from and to which state, and
 * the reviewer's comment in full.
 */
export const ReviewHistory = ({ usersSlug = 'users', workflowEventsSlug = 'workflow-events' }: ReviewHistoryProps) => {
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
      path: `/${workflowEventsSlug}?${[
        `where[article][equals]=${encodeURIComponent(String(id))}&sort=-createdAt&limit=100&depth=1`,
        `populate[${usersSlug}][name]=true&populate[${usersSlug}][email]=true`,
        // Every field of the event but the article itself (the one open here).
        'select[action]=true&select[actor]=true&select[actorLabel]=true&select[assignee]=true&select[attestation]=true',
        'select[changeNote]=true&select[comment]=true&select[createdAt]=true&select[from]=true&select[to]=true',
      ].join('&')}`,
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
  }, [config.routes.api, config.serverURL, id, reload, usersSlug, workflowEventsSlug])

  return (
    <section
      aria-label="Review history"
      data-testid="review-history"
      id={REVIEW_HISTORY_ANCHOR}
      style={{ marginBottom: 'calc(var(--base) * 2)', scrollMarginTop: 'calc(var(--base) * 5)' }}
    >
      <h3 style={{ fontSize: '16px', margin: '0 0 8px' }}>Review history</h3>
      {id === undefined || id === null ? <p style={muted}>No history yet: the article has not been saved.</p> : null}
      {error ? (
        <p role="alert" style={{ ...muted, color: 'var(--theme-error-600)' }}>
          Could not load the history: {error}
        </p>
      ) : null}
      {events && events.length === 0 ? <p style={muted}>No workflow transitions yet.</p> : null}
      {events && events.length > 0 ? (
        <Table cell={cell} columns={['When', 'What', 'From → to', 'Who', 'Note and comment']}>
          {events.map((event) => (
            <tr data-action={event.action} data-testid="review-history-row" key={event.id}>
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>{when(event.createdAt)}</td>
              <td style={cell}>{ACTION_TEXT[event.action] ?? event.action}</td>
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                {event.from ? <StatusBadge status={event.from} /> : '—'} → <StatusBadge status={event.to} />
              </td>
              <td style={cell}>{who(event)}</td>
              <td style={{ ...cell, whiteSpace: 'pre-wrap' }}>
                <EventNotes event={event} />
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  )
}
