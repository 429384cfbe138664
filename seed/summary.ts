import type { ImportCounts, ImportSummary } from './importer.js'
import { formatFailure, formatNote } from './problems.js'

/** The process exit code of an import: 0 when everything imported, 1 when some file failed. */
export const exitCodeOf = (summary: ImportSummary): 0 | 1 =>
  summary.failed.length > 0 || summary.glossary.failed.length > 0 ? 1 : 0

const line = (what: string, counts: ImportCounts, dryRun: boolean): string => {
  const verbs = dryRun ? ['to create', 'to update', 'unchanged', 'failed'] : ['created', 'updated', 'unchanged', 'failed']
  const parts = [counts.created, counts.updated, counts.unchanged, counts.failed.length].map((value, index) => `${value} ${verbs[index]}`)
  return `${what}: ${parts.join(', ')}`
}

/** The readable summary the CLI prints without `--json`: counts, then one line per problem. */
export const formatSummary = (summary: ImportSummary, dryRun: boolean): string => {
  const lines = [
    dryRun ? 'Dry run: nothing was written.' : 'Import finished.',
    line('Glossary terms', summary.glossary, dryRun),
    line('Articles', summary, dryRun),
  ]
  const failures = [...summary.glossary.failed, ...summary.failed]
  if (failures.length > 0) {
    lines.push('', `Problems (${failures.length} file${failures.length === 1 ? '' : 's'}):`)
    for (const failure of failures) lines.push(...formatFailure(failure).map((problem) => `  ${problem}`))
  }
  if (summary.notes.length > 0) {
    lines.push('', `Normalised and imported (${summary.notes.length} file${summary.notes.length === 1 ? '' : 's'}):`)
    for (const note of summary.notes) lines.push(...formatNote(note).map((item) => `  ${item}`))
  }
  return lines.join('\n')
}

/** The machine-readable summary of `--json`: exactly the documented keys, in their order. */
export const jsonSummary = (summary: ImportSummary): string => {
  const counts = (part: ImportCounts) => ({
    created: part.created,
    updated: part.updated,
    unchanged: part.unchanged,
    failed: part.failed.map((failure) => ({
      file: failure.file,
      errors: failure.errors.map((error) => ({ field: error.field, message: error.message })),
    })),
  })
  const notes = summary.notes.map((note) => ({
    file: note.file,
    notes: note.notes.map((item) => ({ field: item.field, message: item.message })),
  }))
  return JSON.stringify({ ...counts(summary), glossary: counts(summary.glossary), notes })
}
