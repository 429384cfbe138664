'use client'
import type { ReactNode } from 'react'

import { fieldError, heading, input, label } from './styles.js'

/** Props of one free-text field of the workflow panel. */
export interface NoteFieldProps {
  /** The server's refusal of this field, shown under it and outlined in red. */
  error?: { message: string }
  /** What the field is, in the heading's words. */
  heading: ReactNode
  /** A line of help under the heading. */
  hint?: ReactNode
  /** Longest text the field takes. */
  maxLength?: number
  onChange: (value: string) => void
  /** The `data-testid` of the textarea (the browser tests find it by that). */
  testId: string
  value: string
}

/**
 * A labelled textarea of the workflow panel (the comment, the change note) with the server's
 * field error under it: one place for the look of an invalid note.
 */
export const NoteField = ({ error, heading: title, hint, maxLength, onChange, testId, value }: NoteFieldProps) => (
  <label style={label}>
    <span style={heading}>{title}</span>
    {hint}
    <textarea
      aria-invalid={error ? true : undefined}
      data-testid={testId}
      maxLength={maxLength}
      onChange={(event) => onChange(event.target.value)}
      rows={3}
      style={{
        ...input,
        border: `1px solid ${error ? 'var(--theme-error-500)' : 'var(--theme-elevation-150)'}`,
        resize: 'vertical',
      }}
      value={value}
    />
    {error ? (
      <span role="alert" style={fieldError}>
        {error.message}
      </span>
    ) : null}
  </label>
)
