import { GOVERNED_WRITE, governedWriteContext, governedWriter } from '../../rules/governedWrite.js'

describe('the trusted-write context', () => {
  it.each(['import', 'workflow'] as const)('a context built for %p names that writer', (writer) => {
    expect(governedWriteContext(writer)).toEqual({ [GOVERNED_WRITE]: writer })
    expect(governedWriter(governedWriteContext(writer))).toBe(writer)
  })

  it.each([
    [undefined],
    [{}],
    [{ [GOVERNED_WRITE]: 'admin' }],
    [{ [GOVERNED_WRITE]: true }],
    [{ governedWrite: 'import' }],
  ])('%p is an ordinary write', (context) => {
    expect(governedWriter(context)).toBeNull()
  })
})
