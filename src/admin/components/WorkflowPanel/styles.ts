import type { CSSProperties } from 'react'

/** Styles the workflow panel's parts share (Payload's theme variables, so dark mode follows). */
export const box: CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m, 4px)',
  display: 'flex',
  flexDirection: 'column',
  gap: '10px',
  marginBottom: 'calc(var(--base) * 1.5)',
  padding: '12px',
}
export const row: CSSProperties = { alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: '6px' }
export const small: CSSProperties = {
  color: 'var(--theme-elevation-650)',
  fontSize: '12px',
  lineHeight: '18px',
  margin: 0,
}
export const heading: CSSProperties = { fontSize: '13px', fontWeight: 600, margin: 0 }
export const alert: CSSProperties = {
  background: 'var(--theme-error-50)',
  border: '1px solid var(--theme-error-400)',
  borderRadius: 'var(--style-radius-s, 3px)',
  color: 'var(--theme-error-800)',
  fontSize: '13px',
  lineHeight: '19px',
  margin: 0,
  padding: '8px 10px',
}
export const notice: CSSProperties = {
  ...alert,
  background: 'var(--theme-warning-50)',
  border: '1px solid var(--theme-warning-400)',
  color: 'var(--theme-warning-850)',
}
export const input: CSSProperties = {
  background: 'var(--theme-input-bg)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s, 3px)',
  color: 'var(--theme-text)',
  font: 'inherit',
  fontSize: '13px',
  padding: '6px 8px',
}
export const label: CSSProperties = { display: 'flex', flexDirection: 'column', gap: '4px' }
export const fieldError: CSSProperties = { color: 'var(--theme-error-600)', fontSize: '12px' }
