import { hasRole, isStaff, roleOf } from '../../rules/roles.js'

describe('roles', () => {
  it.each([
    [{ role: 'admin' }, 'admin'],
    [{ role: 'editor' }, 'editor'],
    [{ role: 'reviewer' }, 'reviewer'],
    [{ role: 'superuser' }, null],
    [{ role: 3 }, null],
    [{}, null],
    [null, null],
    [undefined, null],
    ['admin', null],
  ])('roleOf(%p) = %p', (user, role) => {
    expect(roleOf(user)).toBe(role)
    expect(isStaff(user)).toBe(role !== null)
  })

  it('hasRole matches any of the roles given', () => {
    expect(hasRole({ role: 'editor' }, 'editor', 'admin')).toBe(true)
    expect(hasRole({ role: 'reviewer' }, 'editor', 'admin')).toBe(false)
    expect(hasRole(null, 'admin')).toBe(false)
  })
})
