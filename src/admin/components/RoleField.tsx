'use client'
import { SelectField } from '@payloadcms/ui'
import { usePathname } from 'next/navigation.js'
import type { SelectFieldClientComponent } from 'payload'

/**
 * The `role` field of the users form. On the first-register screen it says what will happen (the
 * first user becomes the admin) instead of showing the field's default, "Editor", which nobody
 * there can change and which would not be true.
 */
export const RoleField: SelectFieldClientComponent = (props) => {
  const pathname = usePathname()
  if (pathname?.endsWith('/create-first-user')) {
    return (
      <div className="field-type" data-testid="first-user-role" style={{ marginBottom: 'var(--base)' }}>
        <span className="field-label" style={{ display: 'block', marginBottom: '4px' }}>
          Role
        </span>
        <span style={{ fontSize: '14px' }}>
          <strong>Admin</strong>: the first user administers this site and gives everyone else their role
          (editor, reviewer or admin).
        </span>
      </div>
    )
  }
  return <SelectField {...props} />
}
