'use client'
import { Button, toast, useAuth, useConfig, useDocumentInfo, useForm, useFormModified } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { useRouter } from 'next/navigation.js'
import { type CSSProperties, useCallback, useEffect, useMemo, useState } from 'react'

import { roleOf } from '../../../../rules/roles.js'
import type { WorkflowAction } from '../../../../rules/vocabulary.js'
import { TRANSITIONS } from '../../../../rules/workflow.js'
import { StatusBadge } from '../Badge.js'
import { TrustNotices } from '../TrustNotices.js'
import { WORKFLOW_CHANGED_EVENT } from '../events.js'
import {
  ACTION_DONE,
  ACTION_LABELS,
  asStatus,
  changedFields,
  contentFields,
  idOf,
  panelActions,
  readWorkflowFailure,
  type WorkflowFailure,
} from './model.js'

/** Props the plugin passes to the panel (`clientProps`). */
export interface WorkflowPanelProps {
  /** The plugin's `fourEyes` option: hide Approve from whoever submitted or last edited the version. */
  fourEyes?: boolean
  /** Slug of the workflow-events collection. */
  workflowEventsSlug?: string
}

type Doc = Record<string, unknown> & { _status?: unknown; status?: unknown; updatedAt?: unknown }

interface WorkflowEventDoc {
  action?: string
  actorLabel?: string
  comment?: null | string
  createdAt?: string
}

interface PanelData {
  lastEvent: null | WorkflowEventDoc
  live: Doc | null
  pending: Doc
}

const box: CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m, 4px)',
  display: 'flex',
  flexDirection: 'column',
  gap: '10px',
  marginBottom: 'calc(var(--base) * 1.5)',
  padding: '12px',
}
const row: CSSProperties = { alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: '6px' }
const small: CSSProperties = { color: 'var(--theme-elevation-650)', fontSize: '12px', lineHeight: '18px', margin: 0 }
const heading: CSSProperties = { fontSize: '13px', fontWeight: 600, margin: 0 }
const alert: CSSProperties = {
  background: 'var(--theme-error-50)',
  border: '1px solid var(--theme-error-400)',
  borderRadius: 'var(--style-radius-s, 3px)',
  color: 'var(--theme-error-800)',
  fontSize: '13px',
  lineHeight: '19px',
  margin: 0,
  padding: '8px 10px',
}
const notice: CSSProperties = {
  ...alert,
  background: 'var(--theme-warning-50)',
  border: '1px solid var(--theme-warning-400)',
  color: 'var(--theme-warning-850)',
}

const day = (value: unknown): string => (typeof value === 'string' && value ? value.slice(0, 10) : '')

/**
 * The workflow panel of the article edit view: the current state, the approved live version
 * next to the pending update, the last request for changes, and the actions this user may take
 * now, each calling `POST /api/<articles>/:id/workflow`. A refusal of the rules shows as the
 * server's own message, and citation errors also on the fields they name.
 */
export const WorkflowPanel = ({ fourEyes = true, workflowEventsSlug = 'workflow-events' }: WorkflowPanelProps) => {
  const { collectionSlug, docConfig, getDocPermissions, id, lastUpdateTime, setHasPublishedDoc, versionCount } =
    useDocumentInfo()
  const { user } = useAuth()
  const { config } = useConfig()
  const { dispatchFields, setSubmitted } = useForm()
  const modified = useFormModified()
  const router = useRouter()

  const [data, setData] = useState<null | PanelData>(null)
  const [loadError, setLoadError] = useState<null | string>(null)
  const [reload, setReload] = useState(0)
  const [comment, setComment] = useState('')
  const [failure, setFailure] = useState<null | WorkflowFailure>(null)
  const [busy, setBusy] = useState<null | WorkflowAction>(null)
  const [confirmRetire, setConfirmRetire] = useState(false)

  const api = useCallback(
    (path: `/${string}`) => formatAdminURL({ apiRoute: config.routes.api, path, serverURL: config.serverURL }),
    [config.routes.api, config.serverURL],
  )

  useEffect(() => {
    if (id === undefined || id === null || !collectionSlug) return
    const controller = new AbortController()
    const get = async (path: `/${string}`) => {
      const response = await fetch(api(path), { credentials: 'include', signal: controller.signal })
      if (!response.ok)
        throw new Error(readWorkflowFailure(response.status, await response.json().catch(() => null)).message)
      return (await response.json()) as unknown
    }
    const docPath = `/${collectionSlug}/${id}` as const
    Promise.all([
      get(`${docPath}?draft=true&depth=0`),
      get(`${docPath}?draft=false&depth=0`),
      get(
        `/${workflowEventsSlug}?where[article][equals]=${encodeURIComponent(String(id))}&sort=-createdAt&limit=1&depth=0`,
      ),
    ])
      .then(([pending, published, events]) => {
        const live = (published as Doc)._status === 'published' ? (published as Doc) : null
        const lastEvent = ((events as { docs?: WorkflowEventDoc[] }).docs ?? [])[0] ?? null
        setData({ lastEvent, live, pending: pending as Doc })
        setLoadError(null)
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        setLoadError(error instanceof Error ? error.message : String(error))
      })
    return () => controller.abort()
    // A save of the form (a new version) changes the pending update: read again.
  }, [api, collectionSlug, id, lastUpdateTime, reload, versionCount, workflowEventsSlug])

  const fields = useMemo(() => contentFields(docConfig?.fields ?? []), [docConfig])

  if (id === undefined || id === null) {
    return (
      <section aria-label="Workflow" data-testid="workflow-panel" style={box}>
        <p style={heading}>Workflow</p>
        <StatusBadge status="draft" />
        <p style={small}>
          Save the draft first; then you can submit it for review. Nothing goes live until a reviewer approves it.
        </p>
      </section>
    )
  }

  const status = asStatus(data?.pending.status)
  const role = roleOf(user)
  const { actions, notes } = data
    ? panelActions({
        fourEyes,
        lastEditedBy: idOf(data.pending.lastEditedBy),
        role,
        status,
        submittedBy: idOf(data.pending.submittedBy),
        userId: user?.id ?? null,
      })
    : { actions: [], notes: [] }
  const changed = data?.live ? changedFields(data.live, data.pending, fields) : []
  const versionsUrl = formatAdminURL({
    adminRoute: config.routes.admin,
    path: `/collections/${collectionSlug}/${id}/versions`,
    serverURL: config.serverURL,
  })
  const commentError = failure?.fieldErrors.find((error) => error.path === 'comment')

  const run = async (action: WorkflowAction) => {
    if (action === 'retire' && !confirmRetire) {
      setConfirmRetire(true)
      return
    }
    setConfirmRetire(false)
    setBusy(action)
    setFailure(null)
    try {
      const response = await fetch(api(`/${collectionSlug}/${id}/workflow`), {
        body: JSON.stringify({ action, comment: comment.trim() || undefined }),
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const body: unknown = await response.json().catch(() => null)
      if (!response.ok) {
        const readable = readWorkflowFailure(response.status, body)
        setFailure(readable)
        // Errors on form fields (citation rule) show on those fields, as a failed save would show them.
        const onFields = readable.fieldErrors.filter((error) => error.path !== 'comment' && error.path !== 'action')
        if (onFields.length > 0) {
          dispatchFields({ type: 'ADD_SERVER_ERRORS', errors: onFields })
          setSubmitted(true)
        }
        toast.error(readable.message)
        // Refused because the article moved on meanwhile (409): show where it stands now.
        if (response.status === 409) {
          setReload((count) => count + 1)
          window.dispatchEvent(new CustomEvent(WORKFLOW_CHANGED_EVENT))
          router.refresh()
        }
        return
      }
      toast.success(ACTION_DONE[action])
      if (action === 'approve') setHasPublishedDoc(true)
      // What this user may edit depends on the state (editors cannot change an article in review).
      const doc = (body as { doc?: Record<string, unknown> } | null)?.doc
      void getDocPermissions(doc)
      setComment('')
      setReload((count) => count + 1)
      window.dispatchEvent(new CustomEvent(WORKFLOW_CHANGED_EVENT))
      // The document view re-reads the article, so the form and the sidebar show the new state.
      router.refresh()
    } catch (error) {
      setFailure({
        fieldErrors: [],
        message: `The request did not reach the server: ${error instanceof Error ? error.message : String(error)}`,
      })
    } finally {
      setBusy(null)
    }
  }

  const changesRequested = status === 'draft' && data?.lastEvent?.action === 'request_changes' ? data.lastEvent : null

  return (
    <section aria-label="Workflow" data-testid="workflow-panel" style={box}>
      <div style={{ ...row, justifyContent: 'space-between' }}>
        <p style={heading}>Workflow</p>
        <span data-testid="workflow-status">
          <StatusBadge status={data ? status : undefined} />
        </span>
      </div>

      {loadError ? (
        <p role="alert" style={alert}>
          Could not load the workflow state: {loadError}
        </p>
      ) : null}
      {!data && !loadError ? <p style={small}>Loading…</p> : null}

      {data ? (
        <div data-testid="workflow-versions" style={{ display: 'flex', flexDirection: 'column', gap: '6px' }}>
          <div>
            <p style={heading}>Live version</p>
            {data.live ? (
              <p style={small}>
                {asStatus(data.live.status) === 'retired' ? (
                  'Retired: no longer served to the public.'
                ) : (
                  <>
                    Approved{day(data.live.lastReviewed) ? `, last reviewed ${day(data.live.lastReviewed)}` : ''}: this
                    is what the public reads.
                  </>
                )}
              </p>
            ) : (
              <p style={small}>None: the public sees nothing until a reviewer approves this article.</p>
            )}
          </div>
          {data.live && status !== 'retired' ? (
            <div data-testid="workflow-pending">
              <p style={heading}>Pending update</p>
              {changed.length > 0 || status !== asStatus(data.live.status) ? (
                <p style={small}>
                  {changed.length > 0 ? `Changed: ${changed.join(', ')}. ` : 'No content changes. '}
                  {status === 'in_review' ? 'Waiting for review; ' : 'Not yet submitted; '}
                  it goes live only when approved. <a href={versionsUrl}>Compare versions</a>
                </p>
              ) : (
                <p style={small}>None: the working copy is the live version.</p>
              )}
            </div>
          ) : null}
        </div>
      ) : null}

      {collectionSlug ? <TrustNotices collectionSlug={collectionSlug} id={id} refreshKey={`${String(lastUpdateTime)}:${reload}`} /> : null}

      {changesRequested ? (
        <div data-testid="changes-requested" style={notice}>
          <strong>Changes requested</strong>
          {changesRequested.actorLabel ? ` by ${changesRequested.actorLabel}` : ''}
          {changesRequested.createdAt ? ` on ${day(changesRequested.createdAt)}` : ''}:{' '}
          <span style={{ whiteSpace: 'pre-wrap' }}>{changesRequested.comment}</span>
        </div>
      ) : null}

      {notes.map((note) => (
        <p data-testid="workflow-note" key={note} style={small}>
          {note}
        </p>
      ))}

      {data && actions.length === 0 && notes.length === 0 ? (
        <p data-testid="workflow-no-actions" style={small}>
          {status === 'in_review'
            ? 'Waiting for a reviewer. You have no workflow action on this article now.'
            : 'You have no workflow action on this article now.'}
        </p>
      ) : null}

      {actions.length > 0 ? (
        <>
          {modified ? (
            <p data-testid="workflow-unsaved" style={notice}>
              You have unsaved changes. Save the draft first: the workflow acts on the saved version.
            </p>
          ) : null}
          <label style={{ display: 'flex', flexDirection: 'column', gap: '4px' }}>
            <span style={heading}>
              Comment
              {actions.some((action) => TRANSITIONS[action].requiresComment) ? ' (required to request changes)' : ''}
            </span>
            <textarea
              aria-invalid={commentError ? true : undefined}
              data-testid="workflow-comment"
              onChange={(event) => setComment(event.target.value)}
              rows={3}
              style={{
                background: 'var(--theme-input-bg)',
                border: `1px solid ${commentError ? 'var(--theme-error-500)' : 'var(--theme-elevation-150)'}`,
                borderRadius: 'var(--style-radius-s, 3px)',
                color: 'var(--theme-text)',
                font: 'inherit',
                fontSize: '13px',
                padding: '6px 8px',
                resize: 'vertical',
              }}
              value={comment}
            />
            {commentError ? (
              <span role="alert" style={{ color: 'var(--theme-error-600)', fontSize: '12px' }}>
                {commentError.message}
              </span>
            ) : null}
          </label>
          <div style={row}>
            {actions.map((action) => (
              <Button
                buttonStyle={action === 'approve' || action === 'submit' ? 'primary' : 'secondary'}
                disabled={busy !== null || modified}
                extraButtonProps={{ 'data-action': action }}
                key={action}
                margin={false}
                onClick={() => void run(action)}
                size="small"
              >
                {busy === action
                  ? 'Working…'
                  : action === 'retire' && confirmRetire
                    ? 'Confirm: retire (takes it offline)'
                    : ACTION_LABELS[action]}
              </Button>
            ))}
          </div>
        </>
      ) : null}

      {failure ? (
        <div data-testid="workflow-error" role="alert" style={alert}>
          {failure.fieldErrors.length > 0 ? (
            <>
              <strong>This cannot go ahead yet:</strong>
              <ul style={{ margin: '4px 0 0', paddingLeft: '18px' }}>
                {failure.fieldErrors.map((error) => (
                  <li data-path={error.path} key={`${error.path}:${error.message}`}>
                    <strong>{fields.find((field) => field.name === error.path)?.label ?? error.path}</strong>:{' '}
                    {error.message}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            failure.message
          )}
        </div>
      ) : null}
    </section>
  )
}
