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
