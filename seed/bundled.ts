import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Payload } from 'payload'

import { type ImportOptions, type ImportSummary, runImport } from './importer.js'

/** Where the bundled corpus lives: public-domain NCI documents and glossary entries (corpus/README.md). */
export interface BundledCorpus {
  /** The folder of article documents. */
  articles: string
  /** The NCI glossary JSON-lines file. */
  glossary: string
}

/**
 * The bundled corpus: `corpus/` beside this module, or `seed/corpus/` under the working
 * directory when this module runs from a bundle (a Next.js server build) that left it behind.
 */
export const bundledCorpus = (): BundledCorpus => {
  const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus')
  const articles = existsSync(beside) ? beside : path.resolve(process.cwd(), 'seed', 'corpus')
  return { articles, glossary: path.join(articles, 'nci-glossary.jsonl') }
}

/** The environment variable naming another folder for the first-boot import (the dev check's generated corpus). */
export const FIRST_BOOT_CORPUS_VARIABLE = 'FIRST_BOOT_CORPUS'

/**
 * What the demo's first-boot import reads: the folder named by FIRST_BOOT_CORPUS (its article
 * documents, and its `nci-glossary.jsonl` when there is one: the bundled corpus's layout), else
 * the bundled corpus.
 * @throws Error when FIRST_BOOT_CORPUS names no folder.
 */
export const firstBootCorpus = (env: Readonly<Record<string, string | undefined>> = process.env): { articles: string; glossary: string[] } => {
  const named = env[FIRST_BOOT_CORPUS_VARIABLE]?.trim()
  if (!named) {
    const bundled = bundledCorpus()
    return { articles: bundled.articles, glossary: [bundled.glossary] }
  }
  const articles = path.resolve(named)
  if (!existsSync(articles) || !statSync(articles).isDirectory()) throw new Error(`${FIRST_BOOT_CORPUS_VARIABLE}=${named} is not a folder`)
  const glossary = path.join(articles, 'nci-glossary.jsonl')
  return { articles, glossary: existsSync(glossary) ? [glossary] : [] }
}

/**
 * Imports the bundled corpus and glossary, as `npm run seed` without arguments does: what the
 * demo app runs on its first boot on an empty database.
 */
export const importBundledCorpus = (payload: Payload, options: Omit<ImportOptions, 'articles' | 'glossary' | 'payload'> = {}): Promise<ImportSummary> => {
  const corpus = bundledCorpus()
  return runImport({ ...options, articles: [corpus.articles], glossary: [corpus.glossary], payload })
}
