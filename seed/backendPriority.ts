import { readFileSync } from 'node:fs'
import { setPriority } from 'node:os'
import path from 'node:path'

/**
 * The first-boot import's work inside the database at the import's own CPU priority.
 *
 * The server runs the import process at the lowest priority (`nice` 19), so that an editor's save
 * and the readers come first on a small machine. Half of an import's work, though, is done by the
 * PostgreSQL server processes that serve its connections (inserts, index and search-vector
 * upkeep), which ran at the normal priority: while the import wrote, an editor's save under 8
 * readers took 1.5–4.4 s on `npm run dev`, 1.0–1.7 s while it read. When the database is the
 * embedded server of this project (its data folder in EMBEDDED_POSTGRES_DATA, set by the launcher),
 * each server process that serves one of the import's connections gets the same priority. Only a
 * child of that cluster's postmaster is touched: never a process of another server, nor one of a
 * server elsewhere or in a container (its process ids are not this machine's).
 */

/** The parent pid in a `/proc/<pid>/stat` line: "pid (comm) state ppid …" (comm may hold spaces and parentheses). */
export const parentPidOfStat = (stat: string): null | number => {
  const end = stat.lastIndexOf(')')
  if (end < 0) return null
  const ppid = Number(stat.slice(end + 2).split(' ')[1])
  return Number.isInteger(ppid) && ppid > 0 ? ppid : null
}

/**
 * The postmaster's pid from a cluster's `postmaster.pid` (its first line; the second names the
 * data folder). A stale file names no parent of the pool's server processes, so nothing is changed.
 */
const postmasterOf = (dataDir: string): null | number => {
  try {
    const [pid, folder] = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
    const postmaster = Number(pid)
    return Number.isInteger(postmaster) && postmaster > 0 && path.resolve(folder ?? '') === path.resolve(dataDir) ? postmaster : null
  } catch {
    return null
  }
}

const parentPidOf = (pid: number): null | number => {
  try {
    return parentPidOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return null
  }
}

/** A client of the pool (what `acquire` hands over): what this needs of it. */
interface PoolClient {
  query: (text: string) => Promise<{ rows: unknown[] }>
}

/** A `pg` pool (the database adapter's brings its own `pg` types): what this needs of it. */
interface ClientPool {
  on(event: 'acquire', listener: (client: PoolClient) => void): unknown
}

export interface BackendPriorityOptions {
  /** The embedded cluster's data folder (the one holding postmaster.pid). */
  dataDir: string
  /** Told once when a server process could not be found or changed (the import goes on). */
  onError?: (message: string) => void
  /** The priority to give (`nice` value, 19 the lowest). */
  priority: number
}

/**
 * Gives the server processes of `pool`'s connections, present and future (as each is acquired), the given priority,
 * when they are children of the embedded cluster's postmaster in `dataDir`. Returns how many it
 * changed so far (for tests and logs).
 */
export const lowerBackendPriority = (pool: ClientPool, { dataDir, onError = () => undefined, priority }: BackendPriorityOptions): (() => number) => {
  const postmaster = postmasterOf(dataDir)
  let changed = 0
  if (postmaster === null) {
    onError(`no running PostgreSQL of ${dataDir}: the import's database work keeps its priority`)
    return () => changed
  }
  const done = new WeakSet<object>()
  let told = false
  const tell = (message: string) => {
    if (told) return
    told = true
    onError(message)
  }
  const lower = (client: PoolClient) => {
    if (done.has(client)) return
    done.add(client)
    // Queued on the client before whatever its borrower sends.
    client
      .query('select pg_backend_pid() as pid')
      .then(({ rows }) => {
        const pid = (rows[0] as { pid?: unknown } | undefined)?.pid
        if (typeof pid !== 'number' || parentPidOf(pid) !== postmaster) return tell(`the server process of a connection is not one of ${dataDir}'s: left as it is`)
        setPriority(pid, priority)
        changed += 1
      })
      .catch((error: unknown) => tell(`could not lower a server process's priority: ${error instanceof Error ? error.message : String(error)}`))
  }
  // Every client is acquired before it is used, those already in the pool included.
  pool.on('acquire', lower)
  return () => changed
}
