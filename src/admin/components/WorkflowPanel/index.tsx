'use client'
import { Button, toast, useAuth, useConfig, useDocumentInfo, useForm, useFormModified } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { useRouter } from 'next/navigation.js'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { ATTESTATION, attestationRequired } from '../../../../rules/attestation.js'
import { todayUtc, toCalendarDate } from '../../../../rules/calendarDate.js'
import { roleOf } from '../../../../rules/roles.js'
import type { WorkflowAction } from '../../../../rules/vocabulary.js'
import { CHANGE_NOTE_MAX, changeNoteRequired, TRANSITIONS } from '../../../../rules/workflow.js'
import { StatusBadge } from '../Badge.js'
import { REVIEW_HISTORY_ANCHOR, WORKFLOW_CHANGED_EVENT } from '../events.js'
import { AssignmentBox } from './AssignmentBox.js'
import { ChangesSummary } from './ChangesSummary.js'
import { NoteField } from './NoteField.js'
import { TrustNotices } from '../TrustNotices.js'
import {
  ACTION_DONE,
  ACTION_LABELS,
  type ArticleChanges,
  asArticleChanges,
  asPeople,
  asStatus,
  changedFields,
  comparePath,
  contentFields,
  idOf,
  nameOf,
  panelActions,
  type Person,
  readWorkflowFailure,
  submitAssignees,
  unreachableFailure,
  type WorkflowFailure,
  workflowFingerprint,
} from './model.js'
import { alert, box, fieldError, heading, input, label, notice, row, small } from './styles.js'

/** Props the plugin passes to the panel (`clientProps`). */
export interface WorkflowPanelProps {
  /** The plugin's `fourEyes` option: hide Approve from whoever submitted or last edited the version. */
  fourEyes?: boolean
  /** Slug of the auth collection (reviewers are named from it). */
  usersSlug?: string
  /** Slug of the workflow-events collection. */
  workflowEventsSlug?: string
}

type Doc = Record<string, unknown> & { _status?: unknown; status?: unknown; updatedAt?: unknown }

interface WorkflowEventDoc {
  action?: string
  actor?: unknown
  actorLabel?: string
  comment?: null | string
  createdAt?: string
}

interface PanelData {
  lastEvent: null | WorkflowEventDoc
  live: Doc | null
  pending: Doc
}

const day = (value: unknown): string => (typeof value === 'string' && value ? value.slice(0, 10) : '')

/**
 * The workflow panel of the article edit view: the current state, the approved live version
 * next to the pending update, the last request for changes, and the actions this user may take
 * now, each calling `POST /api/<articles>/:id/workflow`. A refusal of the rules shows as the
 * server's own message, and citation errors also on the fields they name.
 */
export const WorkflowPanel = ({
  fourEyes = true,
  usersSlug = 'users',
  workflowEventsSlug = 'workflow-events',
}: WorkflowPanelProps) => {
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
  const [changes, setChanges] = useState<ArticleChanges | null>(null)
  const [changesError, setChangesError] = useState<null | string>(null)
  const [people, setPeople] = useState<Person[]>([])
  const [changeNote, setChangeNote] = useState('')
  const [assigneeChoice, setAssigneeChoice] = useState('')
  const [attested, setAttested] = useState(false)
  const [assigning, setAssigning] = useState(false)

  const api = useCallback(
    (path: `/${string}`) => formatAdminURL({ apiRoute: config.routes.api, path, serverURL: config.serverURL }),
    [config.routes.api, config.serverURL],
  )

  // What the panel last read whole: for which document and transition count, and the working
  // copy's workflow fields then. A save of the form changes the working copy only; the live
  // version and the last workflow event change with a transition: this panel's (`reload`) or
  // someone else's, which shows in the working copy's workflow fields (workflowFingerprint).
  const readWhole = useRef<null | { fingerprint: string; key: string }>(null)

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
    const key = `${collectionSlug}/${String(id)}/${reload}`
    const readAll = (pendingRead: Promise<unknown>) =>
      Promise.all([
        pendingRead,
        get(`${docPath}?draft=false&depth=0`),
        // The actor populated (name and email only) so that people read a name, not an email.
        get(
          `/${workflowEventsSlug}?${[
            `where[article][equals]=${encodeURIComponent(String(id))}&sort=-createdAt&limit=1&depth=1`,
            'select[action]=true&select[actor]=true&select[actorLabel]=true&select[comment]=true&select[createdAt]=true',
            `populate[${usersSlug}][name]=true&populate[${usersSlug}][email]=true`,
          ].join('&')}`,
        ),
      ]).then(([pending, published, events]) => {
        const live = (published as Doc)._status === 'published' ? (published as Doc) : null
        const lastEvent = ((events as { docs?: WorkflowEventDoc[] }).docs ?? [])[0] ?? null
        readWhole.current = { fingerprint: workflowFingerprint(pending as Doc), key }
        setData({ lastEvent, live, pending: pending as Doc })
      })
    const pendingRead = get(`${docPath}?draft=true&depth=0`)
    const known = readWhole.current
    const read =
      known?.key === key
        ? // A save of the form: the working copy again, and the rest only after a transition.
          pendingRead.then((pending) =>
            workflowFingerprint(pending as Doc) === known.fingerprint
              ? setData((current) => (current ? { ...current, pending: pending as Doc } : current))
              : readAll(Promise.resolve(pending)),
          )
        : readAll(pendingRead)
    read
      .then(() => setLoadError(null))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        setLoadError(error instanceof Error ? error.message : String(error))
      })
    return () => controller.abort()
    // A save of the form (a new version) changes the pending update: read again.
  }, [api, collectionSlug, id, lastUpdateTime, reload, usersSlug, versionCount, workflowEventsSlug])

  const fields = useMemo(() => contentFields(docConfig?.fields ?? []), [docConfig])

  const loadedStatus = data ? asStatus(data.pending.status) : null
  const everLive = Boolean(data?.live)
  // The working copy is not the live version: an update is saved (and maybe submitted).
  const pendingUpdate = Boolean(data?.live) && data?.pending._status !== 'published'
  const showChanges = loadedStatus === 'in_review' || (everLive && pendingUpdate && loadedStatus !== 'retired')

  // What the pending update changes (`GET /:id/changes`), beside the live version.
  useEffect(() => {
    if (!showChanges || id === undefined || id === null || !collectionSlug) {
      setChanges(null)
      return
    }
    const controller = new AbortController()
    fetch(api(`/${collectionSlug}/${id}/changes`), { credentials: 'include', signal: controller.signal })
      .then(async (response) => {
        const body: unknown = await response.json().catch(() => null)
        if (!response.ok) throw new Error(readWorkflowFailure(response.status, body).message)
        const read = asArticleChanges(body)
        if (!read) throw new Error('the answer was not a summary of changes')
        setChanges(read)
        setChangesError(null)
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setChangesError(error instanceof Error ? error.message : String(error))
      })
    return () => controller.abort()
  }, [api, collectionSlug, id, lastUpdateTime, reload, showChanges, versionCount])

  // Reviewers and admins: who may be named at submit or assigned, and their names.
  const staffUser = roleOf(user) !== null
  useEffect(() => {
    if (!staffUser) return
    const controller = new AbortController()
    fetch(
      api(
        `/${usersSlug}?where[role][in]=reviewer,admin&limit=100&depth=0&sort=name&select[name]=true&select[email]=true&select[role]=true`,
      ),
      { credentials: 'include', signal: controller.signal },
    )
      .then(async (response) => {
        if (!response.ok) return
        setPeople(asPeople(((await response.json()) as { docs?: unknown }).docs))
      })
      .catch(() => undefined)
    return () => controller.abort()
  }, [api, staffUser, usersSlug])

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
        everLive,
        fourEyes,
        lastReviewed: toCalendarDate(data.live?.lastReviewed ?? data.pending.lastReviewed),
        pendingUpdate,
        lastEditedBy: idOf(data.pending.lastEditedBy),
        role,
        status,
        submittedBy: idOf(data.pending.submittedBy),
        today: todayUtc(),
        userId: user?.id ?? null,
      })
    : { actions: [], notes: [] }
  const changed = data?.live ? changedFields(data.live, data.pending, fields) : []
  const versionsUrl = formatAdminURL({
    adminRoute: config.routes.admin,
    path: `/collections/${collectionSlug}/${id}/versions`,
    serverURL: config.serverURL,
  })
  const compare = changes && collectionSlug ? comparePath(collectionSlug, id, changes) : null
  const compareUrl = compare
    ? formatAdminURL({ adminRoute: config.routes.admin, path: compare, serverURL: config.serverURL })
    : null
  const errorAt = (path: string) => failure?.fieldErrors.find((error) => error.path === path)
  const commentError = errorAt('comment')
  const changeNoteError = errorAt('changeNote')
  const attestationError = errorAt('attestation')
  const assigneeError = errorAt('assignee')
  const offersSubmit = actions.includes('submit')
  const needsNote = changeNoteRequired({ action: 'submit', everLive })
  const needsAttestation = actions.some((action) => attestationRequired(action))
  const assignees =
    offersSubmit && user
      ? submitAssignees({
          fourEyes,
          lastEditedBy: idOf(data?.pending.lastEditedBy),
          people,
          status,
          userId: user.id,
          userRole: role,
        })
      : []
  const blockedBy = (action: WorkflowAction): null | string => {
    if (attestationRequired(action) && !attested) return 'Tick the attestation first.'
    if (action === 'submit' && needsNote && !changeNote.trim()) return 'Write a change note first.'
    return null
  }

  // The article moved on the server: reload the panel, tell the other panels, and let the
  // document view re-read the article so the form and the sidebar show the new state.
  const announceChange = () => {
    setReload((count) => count + 1)
    window.dispatchEvent(new CustomEvent(WORKFLOW_CHANGED_EVENT))
    router.refresh()
  }

  // POSTs JSON to one of the article's workflow endpoints (`/workflow`, `/assignment`).
  const postToArticle = async (endpoint: 'assignment' | 'workflow', data: Record<string, unknown>) => {
    const response = await fetch(api(`/${collectionSlug}/${id}/${endpoint}`), {
      body: JSON.stringify(data),
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const body: unknown = await response.json().catch(() => null)
    return { body, response }
  }

  const assign = async (assignee: null | number) => {
    setAssigning(true)
    setFailure(null)
    try {
      const { body, response } = await postToArticle('assignment', { assignee })
      if (!response.ok) {
        const readable = readWorkflowFailure(response.status, body)
        setFailure(readable)
        toast.error(readable.message)
        if (response.status === 409) setReload((count) => count + 1)
        return
      }
      toast.success(assignee === null ? 'The submission is unassigned.' : `Assigned to ${nameOf(people.find((person) => String(person.id) === String(assignee)) ?? assignee)}.`)
      announceChange()
    } catch (error) {
      setFailure(unreachableFailure(error))
    } finally {
      setAssigning(false)
    }
  }

  // What one action sends: the comment, and what that action asks for besides.
  const requestBody = (action: WorkflowAction): Record<string, unknown> => ({
    action,
    comment: comment.trim() || undefined,
    ...(action === 'submit' && changeNote.trim() ? { changeNote: changeNote.trim() } : {}),
    ...(action === 'submit' && assigneeChoice ? { assignee: Number(assigneeChoice) } : {}),
    ...(attestationRequired(action) ? { attestation: attested } : {}),
  })

  const run = async (action: WorkflowAction) => {
    if (action === 'retire' && !confirmRetire) {
      setConfirmRetire(true)
      return
    }
    setConfirmRetire(false)
    setBusy(action)
    setFailure(null)
    try {
      const { body, response } = await postToArticle('workflow', requestBody(action))
      if (!response.ok) {
        const readable = readWorkflowFailure(response.status, body)
        setFailure(readable)
        // Errors on form fields (citation rule) show on those fields, as a failed save would show them.
        const panelPaths = new Set(['action', 'assignee', 'attestation', 'changeNote', 'comment'])
        const onFields = readable.fieldErrors.filter((error) => !panelPaths.has(error.path))
        if (onFields.length > 0) {
          dispatchFields({ type: 'ADD_SERVER_ERRORS', errors: onFields })
          setSubmitted(true)
        }
        toast.error(readable.message)
        // Refused because the article moved on meanwhile (409): show where it stands now.
        if (response.status === 409) announceChange()
        return
      }
      toast.success(ACTION_DONE[action])
      if (action === 'approve') setHasPublishedDoc(true)
      // What this user may edit depends on the state (editors cannot change an article in review).
      const doc = (body as { doc?: Record<string, unknown> } | null)?.doc
      void getDocPermissions(doc)
      setComment('')
      setChangeNote('')
      setAssigneeChoice('')
      setAttested(false)
      announceChange()
    } catch (error) {
      setFailure(unreachableFailure(error))
    } finally {
      setBusy(null)
    }
  }

  const changesRequested = status === 'draft' && data?.lastEvent?.action === 'request_changes' ? data.lastEvent : null

  const goToHistory = (event: { preventDefault: () => void }) => {
    const target = document.getElementById(REVIEW_HISTORY_ANCHOR)
    if (!target) return
    event.preventDefault()
    target.scrollIntoView({ behavior: 'smooth', block: 'start' })
  }

  return (
    <section aria-label="Workflow" data-testid="workflow-panel" style={box}>
      <div style={{ ...row, justifyContent: 'space-between' }}>
        <p style={heading}>Workflow</p>
        <span style={{ ...row, gap: '10px' }}>
          <a
            data-testid="workflow-history-link"
            href={`#${REVIEW_HISTORY_ANCHOR}`}
            onClick={goToHistory}
            style={{ fontSize: '12px' }}
          >
            Review history ↓
          </a>
          <span data-testid="workflow-status">
            <StatusBadge status={data ? status : undefined} />
          </span>
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
              {changed.length > 0 || status !== asStatus(data.live.status) || pendingUpdate ? (
                <p style={small}>
                  {changed.length > 0 ? `Changed: ${changed.join(', ')}. ` : 'No content changes. '}
                  {status === 'in_review' ? 'Waiting for review; ' : 'Not yet submitted; '}
                  it goes live only when approved. <a href={compareUrl ?? versionsUrl}>Compare versions</a>
                </p>
              ) : (
                <p style={small}>None: the working copy is the live version.</p>
              )}
            </div>
          ) : null}
        </div>
      ) : null}

      {showChanges && changes ? <ChangesSummary changes={changes} compareUrl={compareUrl} fields={fields} /> : null}
      {showChanges && changesError ? (
        <p role="alert" style={alert}>
          Could not load what changed: {changesError}
        </p>
      ) : null}

      {data ? (
        <AssignmentBox
          assign={assign}
          assignee={idOf(data.pending.assignee)}
          busy={assigning || busy !== null}
          fourEyes={fourEyes}
          lastEditedBy={idOf(data.pending.lastEditedBy)}
          people={people}
          role={role}
          status={status}
          submittedBy={idOf(data.pending.submittedBy)}
          userId={user?.id ?? null}
        />
      ) : null}

      {collectionSlug ? <TrustNotices collectionSlug={collectionSlug} id={id} refreshKey={`${String(lastUpdateTime)}:${reload}`} /> : null}

      {changesRequested ? (
        <div data-testid="changes-requested" style={notice}>
          <strong>Changes requested</strong>
          {changesRequested.actor && typeof changesRequested.actor === 'object'
            ? ` by ${nameOf(changesRequested.actor)}`
            : changesRequested.actorLabel
              ? ` by ${changesRequested.actorLabel}`
              : ''}
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
          {offersSubmit && needsNote ? (
            <NoteField
              error={changeNoteError}
              heading="Change note (required: this article is live)"
              hint={<span style={small}>What this update changes, for the reviewer and the readers’ changelog.</span>}
              maxLength={CHANGE_NOTE_MAX}
              onChange={setChangeNote}
              testId="workflow-change-note-input"
              value={changeNote}
            />
          ) : null}
          {offersSubmit ? (
            <label style={label}>
              <span style={heading}>Reviewer (optional)</span>
              <select
                aria-invalid={assigneeError ? true : undefined}
                data-testid="workflow-submit-assignee"
                onChange={(event) => setAssigneeChoice(event.target.value)}
                style={input}
                value={assigneeChoice}
              >
                <option value="">Any reviewer</option>
                {assignees.map((person) => (
                  <option key={person.id} value={String(person.id)}>
                    {nameOf(person)}
                  </option>
                ))}
              </select>
              {assigneeError ? (
                <span role="alert" style={fieldError}>
                  {assigneeError.message}
                </span>
              ) : null}
            </label>
          ) : null}
          <NoteField
            error={commentError}
            heading={`Comment${
              actions.some((action) => TRANSITIONS[action].requiresComment) ? ' (required to request changes)' : ''
            }`}
            onChange={setComment}
            testId="workflow-comment"
            value={comment}
          />
          {needsAttestation ? (
            <label
              data-testid="workflow-attestation"
              style={{
                ...notice,
                alignItems: 'flex-start',
                background: 'var(--theme-elevation-50)',
                border: `1px solid ${attestationError ? 'var(--theme-error-500)' : 'var(--theme-elevation-150)'}`,
                color: 'var(--theme-text)',
                cursor: 'pointer',
                display: 'flex',
                gap: '8px',
              }}
            >
              <input
                aria-invalid={attestationError ? true : undefined}
                checked={attested}
                data-testid="workflow-attestation-checkbox"
                onChange={(event) => setAttested(event.target.checked)}
                style={{ marginTop: '3px' }}
                type="checkbox"
              />
              <span>
                {ATTESTATION.statement}
                <span style={{ ...small, display: 'block' }}>
                  Required to approve or reaffirm; recorded with your name (statement v{ATTESTATION.version}).
                </span>
                {attestationError ? (
                  <span role="alert" style={{ ...fieldError, display: 'block' }}>
                    {attestationError.message}
                  </span>
                ) : null}
              </span>
            </label>
          ) : null}
          <div style={row}>
            {actions.map((action) => {
              const blocked = blockedBy(action)
              return (
                <Button
                  buttonStyle={action === 'approve' || action === 'submit' ? 'primary' : 'secondary'}
                  disabled={busy !== null || modified || blocked !== null}
                  extraButtonProps={{ 'data-action': action }}
                  key={action}
                  margin={false}
                  onClick={() => void run(action)}
                  size="small"
                  tooltip={blocked ?? undefined}
                >
                  {busy === action
                    ? 'Working…'
                    : action === 'retire' && confirmRetire
                      ? 'Confirm: retire (takes it offline)'
                      : ACTION_LABELS[action]}
                </Button>
              )
            })}
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
