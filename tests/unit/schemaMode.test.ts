import { schemaMode } from '../../rules/schemaMode.mjs'

type Input = Parameters<typeof schemaMode>[0]

describe('schemaMode: push or migrations for a launcher command on a database', () => {
  it.each<[Input, 'migrations' | 'push', boolean]>([
    // npm start always migrates; a pushed database is refused, never prompted for.
    [{ command: 'start', embedded: false, state: 'empty' }, 'migrations', false],
    [{ command: 'start', embedded: false, state: 'migrated' }, 'migrations', false],
    [{ command: 'start', embedded: false, state: 'pushed' }, 'migrations', true],
    [{ command: 'start', embedded: true, state: 'empty' }, 'migrations', false],
    [{ command: 'start', embedded: false, explicit: 'true', state: 'empty' }, 'migrations', false],
    // The seed on a DATABASE_URL that npm start will migrate: migrations, unless it was pushed.
    [{ command: 'seed', embedded: false, state: 'empty' }, 'migrations', false],
    [{ command: 'seed', embedded: false, state: 'migrated' }, 'migrations', false],
    [{ command: 'seed', embedded: false, state: 'pushed' }, 'push', false],
    // The embedded development database is pushed, whatever the command.
    [{ command: 'seed', embedded: true, state: 'empty' }, 'push', false],
    [{ command: 'dev', embedded: true, state: 'pushed' }, 'push', false],
    [{ command: 'payload', embedded: true, state: 'empty' }, 'push', false],
    // dev on a DATABASE_URL: pushes an empty or pushed database, keeps a migrated one migrated.
    [{ command: 'dev', embedded: false, state: 'empty' }, 'push', false],
    [{ command: 'dev', embedded: false, state: 'pushed' }, 'push', false],
    [{ command: 'dev', embedded: false, state: 'migrated' }, 'migrations', false],
    [{ command: 'payload', embedded: false, state: 'migrated' }, 'migrations', false],
    // PAYLOAD_DB_PUSH set by hand wins (except for start), and is checked like the rest.
    [{ command: 'dev', embedded: false, explicit: 'false', state: 'empty' }, 'migrations', false],
    [{ command: 'seed', embedded: false, explicit: 'true', state: 'migrated' }, 'push', false],
    [{ command: 'payload', embedded: false, explicit: 'false', state: 'pushed' }, 'migrations', true],
    [{ command: 'payload', embedded: true, explicit: 'false', state: 'empty' }, 'migrations', false],
    // Anything else in PAYLOAD_DB_PUSH is not a choice.
    [{ command: 'seed', embedded: false, explicit: 'yes', state: 'empty' }, 'migrations', false],
    [{ command: 'dev', embedded: false, explicit: '', state: 'empty' }, 'push', false],
  ])('%o → %s (refused: %s)', (input, mode, refused) => {
    const decision = schemaMode(input)
    expect(decision.mode).toBe(mode)
    if (refused) expect(decision.refusal).toMatch(/pushed by a development run/)
    else expect(decision.refusal).toBeUndefined()
  })
})
