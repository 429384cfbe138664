/**
 * The seed importer's programmatic API: the same import as `seed/cli.ts`, for a host app's
 * first-boot seeding, scripts and tests.
 */
export { type BundledCorpus, bundledCorpus, FIRST_BOOT_CORPUS_VARIABLE, firstBootCorpus, importBundledCorpus } from './bundled.js'
export { contentHash, IMPORTER_REVISION, readArticleDocument } from './document.js'
export { type ArticleFrontMatter, articleFrontMatterSchema, validateFrontMatter } from './frontMatter.js'
export { type GlossaryTermData, glossaryTermsFromEntries, nciGlossaryEntrySchema, parseGlossaryLines } from './glossary.js'
export { bodyEditorConfig, type ImportCounts, type ImportOptions, type ImportProgress, type ImportSummary, runImport } from './importer.js'
export { type LexicalBody, type LexicalNode, TEXT_FORMAT, textNode } from './lexical.js'
export { bindGlossaryLinks, type BodyConversion, convertMarkdownBody, type ConvertOptions, type EvidenceEntry, type GlossaryReference, parseMarkdown } from './markdown.js'
export { type Handler, handlers, type Handlers, mdastToLexical, type MdastToLexicalOptions, type State } from './mdastToLexical.js'
export { type FieldError, type FileFailure, type FileNote, formatFailure, formatNote } from './problems.js'
export { exitCodeOf, formatSummary, jsonSummary } from './summary.js'
