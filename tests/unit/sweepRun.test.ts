import { sweepRunKey } from '../../rules/sweepRun.js'

describe('sweepRunKey', () => {
  it.each<[{ id: number | string; waitUntil?: Date | null | string }, string]>([
    [{ id: 7, waitUntil: '2026-12-01T05:00:00.000Z' }, 'slot:2026-12-01T05:00:00.000Z'],
    // the same slot written differently is the same key: two runners of one slot collide
    [{ id: 8, waitUntil: '2026-12-01T05:00:00Z' }, 'slot:2026-12-01T05:00:00.000Z'],
    [{ id: 9, waitUntil: '2026-12-01T06:00:00+01:00' }, 'slot:2026-12-01T05:00:00.000Z'],
    [{ id: 10, waitUntil: new Date('2026-12-01T05:00:00.000Z') }, 'slot:2026-12-01T05:00:00.000Z'],
    [{ id: 11, waitUntil: '2026-12-02T05:00:00.000Z' }, 'slot:2026-12-02T05:00:00.000Z'],
    [{ id: 12 }, 'job:12'],
    [{ id: 13, waitUntil: null }, 'job:13'],
    [{ id: 14, waitUntil: '' }, 'job:14'],
    [{ id: 15, waitUntil: 'not a date' }, 'job:15'],
    [{ id: 'a1b2', waitUntil: undefined }, 'job:a1b2'],
  ])('%j → %s', (job, expected) => {
    expect(sweepRunKey(job)).toBe(expected)
  })

  it('gives different slots different keys', () => {
    const keys = new Set(
      ['2026-12-01T05:00:00Z', '2026-12-02T05:00:00Z', '2026-12-01T05:00:01Z'].map((waitUntil) => sweepRunKey({ id: 1, waitUntil })),
    )
    expect(keys.size).toBe(3)
  })
})
