import type { CSSProperties, ReactNode } from 'react'

/** A body cell of the plugin's admin tables: a rule above, the admin's small text (Payload's theme variables, so dark mode follows). */
export const tableCell: CSSProperties = {
  borderTop: '1px solid var(--theme-elevation-100)',
  fontSize: '13px',
}

/** A line of quiet text beside a table (empty states, counts). */
export const muted: CSSProperties = { color: 'var(--theme-elevation-600)', fontSize: '13px', margin: 0 }

/** Props of an admin table. */
export interface TableProps {
  /** The rows (`<tr>`s). */
  children: ReactNode
  /** The style of the table's cells; the headings take it without the rule above. */
  cell: CSSProperties
  /** The column headings; none for a table without a head. */
  columns?: readonly string[]
}

/** A full-width table of the plugin's admin views (the review history, the reviewers' queue, an editor's work). */
export const Table = ({ cell, children, columns }: TableProps) => (
  <table style={{ borderCollapse: 'collapse', width: '100%' }}>
    {columns ? (
      <thead>
        <tr>
          {columns.map((title) => (
            <th
              key={title}
              style={{ ...cell, borderTop: 'none', color: 'var(--theme-elevation-600)', fontWeight: 500, textAlign: 'left' }}
            >
              {title}
            </th>
          ))}
        </tr>
      </thead>
    ) : null}
    <tbody>{children}</tbody>
  </table>
)
