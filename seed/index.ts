/**
 * The seed importer's programmatic API: the same import as `seed/cli.ts`, for a host app's
 * first-boot seeding, scripts and tests.
 */
export { type BundledCorpus, bundledCorpus, importBundledCorpus } from './bundled.js'
export { contentHash, IMPORTER_REVISION, readArticleDocument } from './document.js'
export { type ArticleFrontMatter, articleFrontMatterSchema, validateFrontMatter } from './frontMatter.js'
export { type GlossaryTermData, glossaryTermsFromEntries, nciGlossaryEntrySchema, parseGlossaryLines } from './glossary.js'
export { bodyEditorConfig, type ImportCounts, type ImportOptions, type ImportProgress, type ImportSummary, runImport } from './importer.js'
export { bindGlossaryLinks, type BodyConversion, convertMarkdownBody, type EvidenceEntry, type GlossaryReference } from './markdown.js'
export { type FieldError, type FileFailure, formatFailure } from './problems.js'
export { exitCodeOf, formatSummary, jsonSummary } from './summary.js'
