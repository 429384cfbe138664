import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

/** File endings the importer reads as articles. */
export const ARTICLE_EXTENSIONS = ['.md', '.txt'] as const

/** True for a file name the importer reads as an article. */
export const isArticleFileName = (name: string): boolean =>
  (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase())

// A folder's README documents the folder; it is not content (the bundled corpus has one).
const isFolderReadme = (name: string): boolean => /^readme\.(md|txt)$/i.test(name)

/** An input path as given: a file to read, or a problem with it. */
export interface ListedFile {
  /** Set when the path was given explicitly but cannot be imported (wrong ending). */
  problem?: string
  path: string
}

const walk = async (folder: string): Promise<string[]> => {
  const entries = await readdir(folder, { withFileTypes: true })
  const found: string[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) found.push(...(await walk(full)))
    else if (entry.isFile() && isArticleFileName(entry.name) && !isFolderReadme(entry.name)) found.push(full)
  }
  return found
}

/**
 * The article files under the given paths: folders recursively (`.md` and `.txt`, skipping
 * hidden entries and folder READMEs), files as given. A given file of another type is listed
 * with a problem, so that it is reported rather than silently skipped. Sorted, without repeats.
 * @throws when a path does not exist.
 */
export const listArticleFiles = async (paths: readonly string[]): Promise<ListedFile[]> => {
  const listed = new Map<string, ListedFile>()
  for (const given of paths) {
    const full = path.resolve(given)
    const info = await stat(full)
    if (info.isDirectory()) {
      for (const file of await walk(full)) listed.set(file, { path: file })
    } else if (isArticleFileName(full)) {
      listed.set(full, { path: full })
    } else {
      listed.set(full, { path: full, problem: `not an article file: only ${ARTICLE_EXTENSIONS.join(' and ')} files are imported` })
    }
  }
  return [...listed.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** A path as reports show it: relative to the working directory when inside it. */
export const displayPath = (file: string, cwd: string = process.cwd()): string => {
  const relative = path.relative(cwd, file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

/**
 * How one load ended: its value, or what it threw. `PromiseSettledResult` would say the same,
 * but types its `reason` as `any`.
 */
export type Settled<Value> = { ok: true; value: Value } | { error: unknown; ok: false }

/**
 * Loads items in their order with up to `window` loads under way ahead of the one being used, so
 * the importer validates and converts one file while the next ones are read instead of waiting
 * for each file's open, read and close in turn (an unchanged re-import of 1,000 files spent half
 * its time so). At most `window` loads are started and not yet handed out; a load that fails
 * (or throws) is handed out as such, in its place, and the others go on.
 */
export async function* loadAheadInOrder<Item, Value>(
  items: readonly Item[],
  window: number,
  load: (item: Item) => Promise<Value>,
): AsyncGenerator<{ item: Item; settled: Settled<Value> }> {
  const ahead = Math.max(1, Math.floor(window) || 1)
  const pending = new Map<number, Promise<Settled<Value>>>()
  const start = (index: number): void => {
    if (index >= items.length) return
    pending.set(
      index,
      Promise.resolve()
        .then(() => load(items[index] as Item))
        .then(
          (value): Settled<Value> => ({ ok: true, value }),
          (error: unknown): Settled<Value> => ({ error, ok: false }),
        ),
    )
  }
  for (let index = 0; index < ahead; index += 1) start(index)
  for (let index = 0; index < items.length; index += 1) {
    const settled = (await pending.get(index)) as Settled<Value>
    pending.delete(index)
    start(index + ahead)
    yield { item: items[index] as Item, settled }
  }
}
