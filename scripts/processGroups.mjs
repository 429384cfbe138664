// What the test runners (scripts/e2e.mjs, scripts/devtest.mjs) share: stopping the servers they
// start, talking to the database server they create their database on, and cleaning up once on
// a signal. Plain Node ESM, like scripts/run.mjs.

import pg from 'pg'

/** Stops a child started in its own process group: SIGTERM to the group, SIGKILL if it lingers. */
export const stopGroup = (proc, timeoutMs) =>
  new Promise((resolve) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve()
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid, 'SIGKILL')
      } catch {}
    }, timeoutMs)
    proc.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    try {
      process.kill(-proc.pid, 'SIGTERM')
    } catch {
      clearTimeout(timer)
      resolve()
    }
  })

/** Runs `run(client)` on a connection of its own to the database server at `serverUrl`. */
export const withServerClient = async (serverUrl, tag, run) => {
  const client = new pg.Client({ connectionString: serverUrl })
  client.on('error', (error) => console.error(`[${tag}] database connection error: ${error.message}`))
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** On SIGINT, SIGTERM or SIGHUP: runs `cleanup` (once), then exits with the signal's code. */
export const cleanUpOnSignals = (cleanup, log) => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      log(`${signal}: cleaning up`)
      void cleanup().then(() => process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal]))
    })
  }
}
