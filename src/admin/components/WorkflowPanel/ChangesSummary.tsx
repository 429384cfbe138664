'use client'
import type { CSSProperties } from 'react'

import { type ArticleChanges, type ContentField, fieldLabel, shortValue } from './model.js'
import { heading, small } from './styles.js'

const passage: CSSProperties = {
  background: 'var(--theme-elevation-50)',
  border: '1px solid var(--theme-elevation-100)',
  borderRadius: 'var(--style-radius-s, 3px)',
  fontSize: '12px',
  lineHeight: '19px',
  margin: 0,
  maxHeight: '320px',
  overflowWrap: 'anywhere',
  overflowY: 'auto',
  padding: '6px 8px',
  whiteSpace: 'pre-wrap',
}
// Marked by colour, by strike/underline and by a screen-reader label: readable without colour.
const inserted: CSSProperties = {
  background: 'rgb(218, 245, 226)',
  color: 'rgb(18, 82, 44)',
  textDecoration: 'underline',
  textDecorationColor: 'rgb(46, 139, 87)',
}
const deleted: CSSProperties = {
  background: 'var(--theme-error-100)',
  color: 'var(--theme-error-800)',
  textDecoration: 'line-through',
}
// Read by screen readers, not shown: says what the marking means.
const visuallyHidden: CSSProperties = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: 1,
  margin: -1,
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: 1,
}
const note: CSSProperties = {
  borderLeft: '3px solid var(--color-blue-500)',
  fontSize: '13px',
  lineHeight: '19px',
  margin: 0,
  overflowWrap: 'anywhere',
  padding: '2px 0 2px 8px',
  whiteSpace: 'pre-wrap',
}

/**
 * What the pending update changes, as `GET /api/<articles>/:id/changes` reports it: the editor's
 * change note, the fields that differ (before → after) and the changed passages of the body with
 * a little context, insertions and deletions marked; a link to Payload's full comparison.
 */
export const ChangesSummary = ({
  changes,
  compareUrl,
  fields,
}: {
  changes: ArticleChanges
  compareUrl: null | string
  fields: readonly ContentField[]
}) => {
  const firstSubmission = changes.published === null
  const bodyChanged = changes.body.some((run) => run.op !== 'equal')
  return (
    <div data-testid="workflow-changes" style={{ display: 'flex', flexDirection: 'column', gap: '8px' }}>
      <div style={{ alignItems: 'baseline', display: 'flex', gap: '8px', justifyContent: 'space-between' }}>
        <p style={heading}>{firstSubmission ? 'What this submission contains' : 'What changed'}</p>
        {compareUrl ? (
          <a data-testid="workflow-compare-link" href={compareUrl} style={{ fontSize: '12px', whiteSpace: 'nowrap' }}>
            {firstSubmission ? 'Open this version' : 'Full comparison with the live version'}
          </a>
        ) : null}
      </div>
      {changes.changeNote ? (
        <div data-testid="workflow-change-note">
          <p style={{ ...small, fontWeight: 600 }}>Change note</p>
          <p style={note}>{changes.changeNote}</p>
        </div>
      ) : null}
      {changes.fields.length > 0 ? (
        <div>
          <p style={{ ...small, fontWeight: 600 }}>
            {firstSubmission ? 'Fields' : `Fields that differ (${changes.fields.length})`}
          </p>
          <ul data-testid="workflow-changed-fields" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {changes.fields.map((change) => (
              <li data-path={change.path} key={change.path} style={{ ...small, overflowWrap: 'anywhere' }}>
                <strong>{fieldLabel(change.path, fields)}</strong>:{' '}
                {firstSubmission ? (
                  <ins style={inserted}>{shortValue(change.after)}</ins>
                ) : (
                  <>
                    <del style={deleted}>{shortValue(change.before)}</del> → <ins style={inserted}>{shortValue(change.after)}</ins>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {bodyChanged ? (
        <div>
          <p style={{ ...small, fontWeight: 600 }}>{firstSubmission ? 'Body' : 'Body: changed passages'}</p>
          <p data-testid="workflow-body-diff" style={passage}>
            {changes.body.map((run, index) =>
              run.op === 'insert' ? (
                <ins data-op="insert" key={index} style={inserted}>
                  <span style={visuallyHidden}>
                    [added: ]
                  </span>
                  {run.text}
                </ins>
              ) : run.op === 'delete' ? (
                <del data-op="delete" key={index} style={deleted}>
                  <span style={visuallyHidden}>
                    [removed: ]
                  </span>
                  {run.text}
                </del>
              ) : (
                <span data-op="equal" key={index}>
                  {run.text}
                </span>
              ),
            )}
          </p>
          {changes.truncated ? (
            <p style={small}>The summary is cut short here: open the full comparison for the rest.</p>
          ) : null}
        </div>
      ) : null}
      {changes.fields.length === 0 && !bodyChanged ? (
        <p data-testid="workflow-no-changes" style={small}>
          No content differs from the live version.
        </p>
      ) : null}
    </div>
  )
}
