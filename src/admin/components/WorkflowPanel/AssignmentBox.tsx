'use client'
import { Button } from '@payloadcms/ui'
import { useState } from 'react'

import { decideAssignment } from '../../../../rules/assignment.js'
import type { ArticleStatus, Role } from '../../../../rules/vocabulary.js'
import { nameOf, type Person } from './model.js'
import { heading, input, row, small } from './styles.js'

type Id = number | string

/**
 * Who is asked to decide a submission waiting for review, and what this user may do about it:
 * a reviewer takes an unassigned submission (or gives back their own), an admin assigns any
 * reviewer. What is offered is what `decideAssignment` (the API's own rule) allows.
 */
export const AssignmentBox = ({
  assign,
  assignee,
  busy,
  fourEyes,
  lastEditedBy,
  people,
  role,
  status,
  submittedBy,
  userId,
}: {
  assign: (assignee: null | number) => Promise<void>
  assignee: Id | null
  busy: boolean
  fourEyes: boolean
  lastEditedBy: Id | null
  /** Reviewers and admins, for names and the admin's choice. */
  people: readonly Person[]
  role: null | Role
  status: ArticleStatus
  submittedBy: Id | null
  userId: Id | null
}) => {
  const [choice, setChoice] = useState('')
  if (status !== 'in_review') return null
  const allowed = (target: Id | null, targetRole: null | Role) =>
    userId !== null &&
    decideAssignment({
      actorId: userId,
      actorRole: role,
      assignee: target,
      assigneeRole: targetRole,
      current: assignee,
      fourEyes,
      from: status,
      lastEditedBy,
      submittedBy,
      via: 'assign',
    }).ok
  const me = people.find((person) => String(person.id) === String(userId))
  const canTake = userId !== null && assignee === null && allowed(userId, me?.role ?? role)
  const canGiveBack = assignee !== null && String(assignee) === String(userId) && role !== 'admin' && allowed(null, null)
  const choices = role === 'admin' ? people.filter((person) => allowed(person.id, person.role)) : []
  const current = assignee === null ? null : people.find((person) => String(person.id) === String(assignee))

  return (
    <div data-testid="workflow-assignment" style={{ display: 'flex', flexDirection: 'column', gap: '6px' }}>
      <div style={{ ...row, justifyContent: 'space-between' }}>
        <p style={heading}>Reviewer</p>
        <span data-testid="workflow-assignee" style={small}>
          {assignee === null
            ? 'Unassigned: any reviewer may take it'
            : String(assignee) === String(userId)
              ? `Assigned to you (${nameOf(current ?? assignee)})`
              : `Assigned to ${nameOf(current ?? assignee)}`}
        </span>
      </div>
      {canTake || canGiveBack ? (
        <div style={row}>
          {canTake ? (
            <Button
              buttonStyle="secondary"
              disabled={busy}
              extraButtonProps={{ 'data-action': 'take' }}
              margin={false}
              onClick={() => void assign(Number(userId))}
              size="small"
            >
              Take this review
            </Button>
          ) : null}
          {canGiveBack ? (
            <Button
              buttonStyle="secondary"
              disabled={busy}
              extraButtonProps={{ 'data-action': 'give-back' }}
              margin={false}
              onClick={() => void assign(null)}
              size="small"
            >
              Give it back
            </Button>
          ) : null}
        </div>
      ) : null}
      {role === 'admin' ? (
        <div style={row}>
          <select
            aria-label="Assign a reviewer"
            data-testid="workflow-assign-select"
            onChange={(event) => setChoice(event.target.value)}
            style={{ ...input, flex: '1 1 140px', minWidth: 0 }}
            value={choice}
          >
            <option value="">Choose a reviewer…</option>
            {choices.map((person) => (
              <option key={person.id} value={String(person.id)}>
                {nameOf(person)}
              </option>
            ))}
          </select>
          <Button
            buttonStyle="secondary"
            disabled={busy || !choice}
            extraButtonProps={{ 'data-action': 'assign' }}
            margin={false}
            onClick={() => void assign(Number(choice)).then(() => setChoice(''))}
            size="small"
          >
            Assign
          </Button>
          {assignee !== null ? (
            <Button
              buttonStyle="secondary"
              disabled={busy}
              extraButtonProps={{ 'data-action': 'unassign' }}
              margin={false}
              onClick={() => void assign(null)}
              size="small"
            >
              Unassign
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
