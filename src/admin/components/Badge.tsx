import type { CSSProperties, ReactNode } from 'react'

import type { ArticleStatus, ReviewState } from '../../../rules/vocabulary.js'

/**
 * The colour families of a badge. Payload's theme has no green (its "success" is blue), so
 * approved and current get a green of their own; the others use the theme's variables.
 */
export type BadgeTone = 'danger' | 'info' | 'muted' | 'neutral' | 'success' | 'warning'

const TONES: Record<BadgeTone, { background: string; border: string; color: string }> = {
  danger: { background: 'var(--theme-error-100)', border: 'var(--theme-error-500)', color: 'var(--theme-error-750)' },
  info: { background: 'var(--color-blue-100)', border: 'var(--color-blue-500)', color: 'var(--color-blue-800)' },
  muted: {
    background: 'var(--theme-elevation-50)',
    border: 'var(--theme-elevation-250)',
    color: 'var(--theme-elevation-600)',
  },
  neutral: {
    background: 'var(--theme-elevation-100)',
    border: 'var(--theme-elevation-400)',
    color: 'var(--theme-elevation-800)',
  },
  success: { background: 'rgb(226, 244, 232)', border: 'rgb(46, 139, 87)', color: 'rgb(24, 92, 52)' },
  warning: {
    background: 'var(--theme-warning-100)',
    border: 'var(--theme-warning-500)',
    color: 'var(--theme-warning-750)',
  },
}

/**
 * How each workflow state looks: a tone, a symbol (readable without colour) and the label the
 * status select and its filters use.
 */
export const STATUS_BADGES: Readonly<Record<ArticleStatus, { label: string; symbol: string; tone: BadgeTone }>> = {
  active: { label: 'Active', symbol: '✓', tone: 'success' },
  draft: { label: 'Draft', symbol: '✎', tone: 'neutral' },
  in_review: { label: 'In review', symbol: '◐', tone: 'info' },
  retired: { label: 'Retired', symbol: '⊘', tone: 'muted' },
}

/** How each review state looks: overdue is red, due soon amber, current green. */
export const REVIEW_STATE_BADGES: Readonly<Record<ReviewState, { label: string; symbol: string; tone: BadgeTone }>> = {
  current: { label: 'Current', symbol: '✓', tone: 'success' },
  due_soon: { label: 'Due soon', symbol: '◷', tone: 'warning' },
  overdue: { label: 'Overdue', symbol: '!', tone: 'danger' },
}

/** A small rounded label with a symbol, in one of the badge tones. */
export const Badge = ({
  children,
  symbol,
  testId,
  title,
  tone,
}: {
  children: ReactNode
  symbol?: string
  testId?: string
  title?: string
  tone: BadgeTone
}) => {
  const colours = TONES[tone]
  const style: CSSProperties = {
    alignItems: 'center',
    background: colours.background,
    border: `1px solid ${colours.border}`,
    borderRadius: '999px',
    color: colours.color,
    display: 'inline-flex',
    fontSize: '12px',
    fontWeight: 600,
    gap: '4px',
    lineHeight: '18px',
    padding: '0 8px',
    whiteSpace: 'nowrap',
  }
  return (
    <span data-testid={testId} data-tone={tone} style={style} title={title}>
      {symbol ? <span aria-hidden="true">{symbol}</span> : null}
      {children}
    </span>
  )
}

const isKey = <K extends string>(record: Readonly<Record<K, unknown>>, value: unknown): value is K =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(record, value)

/** The badge of a workflow state; unknown values render as plain text. */
export const StatusBadge = ({ status }: { status: unknown }) => {
  if (!isKey(STATUS_BADGES, status)) return <span>{typeof status === 'string' ? status : '—'}</span>
  const { label, symbol, tone } = STATUS_BADGES[status]
  return (
    <Badge symbol={symbol} testId={`status-${status}`} tone={tone}>
      {label}
    </Badge>
  )
}

/** The badge of a review state; no state (never reviewed) renders as a dash. */
export const ReviewStateBadge = ({ state }: { state: unknown }) => {
  if (!isKey(REVIEW_STATE_BADGES, state)) return <span style={{ color: 'var(--theme-elevation-500)' }}>—</span>
  const { label, symbol, tone } = REVIEW_STATE_BADGES[state]
  return (
    <Badge symbol={symbol} testId={`review-state-${state}`} tone={tone}>
      {label}
    </Badge>
  )
}
