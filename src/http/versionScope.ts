import { RequestSlot } from './requestSlot.js'

/**
 * A content version that can also be read together with other columns, in one statement (one
 * snapshot): what `contentVersion` returns. `withHttpCaching` lets the handlers of `readByHandler`
 * paths read it with their first statement (through `versionScope`) instead of reading it alone
 * first: one round trip less, and the answer is still read no earlier than its version.
 */
export interface VersionReader {
  (): Promise<string>
  /** Paths whose handler reads the version itself, with its first statement (endpoints declaring `READS_CONTENT_VERSION`). */
  readByHandler?: (pathname: string) => Promise<boolean>
  /**
   * One statement: `select <the version>, <columns> <rest>` with `values` as $1…; `version` and
   * `rows` as read. `name` names the prepared statement (one per text).
   */
  withColumns?: <Row extends Record<string, unknown>>(statement: { columns: string; name: string; rest: string; values: unknown[] }) => Promise<{ rows: Row[]; version: null | string }>
}

/**
 * The key of an endpoint's `custom` by which it declares that its handler reads the content
 * version itself, with its first statement (through `versionScope`): `contentVersion`'s
 * `readByHandler` answers true for the paths of the GET endpoints that declare it.
 *
 * @example { method: 'get', path: '/:id/page', handler, custom: { [READS_CONTENT_VERSION]: true } }
 */
export const READS_CONTENT_VERSION = 'cancerContent.readsContentVersion'

/** What a handler reading the version itself hands back to `withHttpCaching`. */
export interface VersionScope {
  /** Reads the version with the handler's first statement (`VersionReader.withColumns`). */
  read: NonNullable<VersionReader['withColumns']>
  /** The version the answer was read at: `null` until the handler reads it. */
  version: null | string
}

/** Set by `withHttpCaching` around a handler that reads the version itself (`VersionReader.readByHandler`). */
export const versionScope = new RequestSlot<VersionScope>()

/** A content version read under way while an answer is built, and whether the answer waited for it. */
export interface VersionGate {
  /** The version read `withHttpCaching` started. */
  pending: Promise<string>
  /** Set when an operation of the answer waited for it (`awaitContentVersionBeforeOperation`). */
  passed: boolean
}

/**
 * Set by `withHttpCaching` around a list or a by-id read it builds while the content version is
 * still being read (a reload): the version read under way. `awaitContentVersionBeforeOperation`,
 * the first beforeOperation hook of the plugin's collections, waits for it and marks it passed,
 * so the answer is read no earlier than its version, and the version's round trip overlaps the
 * request's preparation. An answer that passed no gate is not tagged with the version.
 */
export const versionGate = new RequestSlot<VersionGate>()
