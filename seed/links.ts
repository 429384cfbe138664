import type { EvidenceKind } from '../rules/vocabulary.js'

/**
 * What the importer makes of a link in an article body: pure functions of the link's URL, the
 * article's own URL (relative links resolve against it) and, for evidence, its text.
 */

/** URL schemes a link may keep; anything else (javascript:, data:, vbscript:, …) loses its link. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:'])

const GLOSSARY_HOSTS = new Set(['www.cancer.gov', 'cancer.gov'])
// English and Spanish NCI Dictionary of Cancer Terms definition pages: `.../def/44817`.
const GLOSSARY_PATH = /^\/(?:publications\/dictionaries\/cancer-terms|espanol\/publicaciones\/diccionarios\/diccionario-cancer)\/def\/(\d+)\/?$/i
// The older pop-up definition page: `/Common/PopUps/popDefinition.aspx?id=460132&...`.
const GLOSSARY_POPUP_PATH = /^\/common\/popups\/popdefinition\.aspx$/i

/**
 * Resolves a link target against the article's URL: `/types/breast` becomes
 * `https://www.cancer.gov/types/breast` and `#section_1` a fragment of the article page.
 * Returns `null` for a target that is no link (unparseable, or an unsafe scheme such as
 * `javascript:`), so that only its text is kept.
 */
export const absoluteUrl = (href: string, base: string): null | string => {
  let url: URL
  try {
    url = new URL(href.trim(), base)
  } catch {
    return null
  }
  return SAFE_SCHEMES.has(url.protocol) ? url.href : null
}

/**
 * The NCI dictionary id of a glossary definition link, or `null` for any other link: an
 * absolute link to cancer.gov's dictionary, or a site-relative `/publications/dictionaries/
 * cancer-terms/def/ID` link (documents copied from cancer.gov keep those on any site).
 */
export const glossaryTermId = (href: string, base?: string): null | string => {
  let url: URL
  try {
    url = new URL(href.trim(), base)
  } catch {
    return null
  }
  const siteRelative = /^\/(?!\/)/.test(href.trim())
  if (!siteRelative && !GLOSSARY_HOSTS.has(url.hostname.toLowerCase())) return null
  const match = GLOSSARY_PATH.exec(url.pathname)
  if (match) return String(Number(match[1]))
  if (GLOSSARY_POPUP_PATH.test(url.pathname)) {
    const id = url.searchParams.get('id') ?? url.searchParams.get('ID')
    return id && /^\d+$/.test(id) ? String(Number(id)) : null
  }
  return null
}

/** The canonical URL of an NCI dictionary definition. */
export const glossaryUrl = (nciId: string): string => `https://www.cancer.gov/publications/dictionaries/cancer-terms/def/${nciId}`

/** An evidence entry found in a body: what kind of record a link points at, and its id. */
export interface EvidenceLink {
  identifier: string
  kind: Exclude<EvidenceKind, 'other'>
  /** The canonical URL of the record (one form per identifier, whatever form the body used). */
  url: string
}

const NCBI_HOSTS = new Set(['www.ncbi.nlm.nih.gov', 'ncbi.nlm.nih.gov'])
const PUBMED_HOSTS = new Set(['pubmed.ncbi.nlm.nih.gov', 'www.pubmed.gov', 'pubmed.gov'])
const PMC_HOSTS = new Set(['pmc.ncbi.nlm.nih.gov', 'www.pmc.ncbi.nlm.nih.gov'])
const EUROPE_PMC_HOSTS = new Set(['europepmc.org', 'www.europepmc.org'])
const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org'])
const CTGOV_HOSTS = new Set(['clinicaltrials.gov', 'www.clinicaltrials.gov', 'classic.clinicaltrials.gov'])
const ISRCTN_HOSTS = new Set(['www.isrctn.com', 'isrctn.com'])
const EUCTR_HOSTS = new Set(['www.clinicaltrialsregister.eu', 'clinicaltrialsregister.eu'])

const pubmed = (id: string): EvidenceLink => ({ identifier: id, kind: 'pubmed', url: `https://pubmed.ncbi.nlm.nih.gov/${id}/` })
const pmc = (id: string): EvidenceLink => {
  const identifier = id.toUpperCase()
  return { identifier, kind: 'pmc', url: `https://pmc.ncbi.nlm.nih.gov/articles/${identifier}/` }
}
const trial = (identifier: string, url: string): EvidenceLink => ({ identifier, kind: 'clinical_trial', url })

/**
 * Classifies an absolute link as evidence: PubMed (`/pubmed/ID`, `pubmed.ncbi.nlm.nih.gov/ID`,
 * the old `entrez/query.fcgi?db=PubMed&list_uids=ID`), PubMed Central (`PMC…` ids), DOI
 * (`doi.org/10.…`) and trial registries (ClinicalTrials.gov `NCT…`, ISRCTN, EU CTR). Returns
 * `null` for any other link.
 */
export const evidenceOf = (absolute: string): EvidenceLink | null => {
  let url: URL
  try {
    url = new URL(absolute)
  } catch {
    return null
  }
  const host = url.hostname.toLowerCase()
  const path = decodeURIComponent(url.pathname)
  if (NCBI_HOSTS.has(host)) {
    const pmcMatch = /^\/pmc\/articles\/(PMC\d+)/i.exec(path)
    if (pmcMatch) return pmc(pmcMatch[1] as string)
    const pubmedMatch = /^\/pubmed\/(\d+)/i.exec(path)
    if (pubmedMatch) return pubmed(pubmedMatch[1] as string)
    if (/^\/entrez\/query\.fcgi$/i.test(path) && /^pubmed$/i.test(url.searchParams.get('db') ?? '')) {
      const uid = (url.searchParams.get('list_uids') ?? url.searchParams.get('uid') ?? '').split(',')[0] ?? ''
      return /^\d+$/.test(uid) ? pubmed(uid) : null
    }
    return null
  }
  if (PUBMED_HOSTS.has(host)) {
    const match = /^\/(\d+)/.exec(path)
    return match ? pubmed(match[1] as string) : null
  }
  if (PMC_HOSTS.has(host)) {
    const match = /^\/articles\/(PMC\d+)/i.exec(path)
    return match ? pmc(match[1] as string) : null
  }
  if (EUROPE_PMC_HOSTS.has(host)) {
    const match = /\/(PMC\d+)(?:\/|$)/i.exec(path)
    return match ? pmc(match[1] as string) : null
  }
  if (DOI_HOSTS.has(host)) {
    const doi = path.replace(/^\//, '')
    return /^10\.\d{4,9}\/\S+$/.test(doi) ? { identifier: doi, kind: 'doi', url: `https://doi.org/${doi}` } : null
  }
  if (CTGOV_HOSTS.has(host)) {
    const match = /(NCT\d{8})/i.exec(`${path} ${url.searchParams.get('term') ?? ''}`)
    if (!match) return null
    const nct = (match[1] as string).toUpperCase()
    return trial(nct, `https://clinicaltrials.gov/study/${nct}`)
  }
  if (ISRCTN_HOSTS.has(host)) {
    const match = /(ISRCTN\d+)/i.exec(path)
    if (!match) return null
    const id = (match[1] as string).toUpperCase()
    return trial(id, `https://www.isrctn.com/${id}`)
  }
  if (EUCTR_HOSTS.has(host)) {
    const match = /(\d{4}-\d{6}-\d{2})/.exec(`${path} ${url.search}`)
    return match ? trial(`EudraCT ${match[1] as string}`, url.href) : null
  }
  return null
}

// Link texts that say nothing about the record ("[PUBMED Abstract]", "study", "12"): the
// evidence label then comes from the sentence or reference around the link.
const GENERIC_LINK_TEXT =
  /^[\s[\](){}.,;:]*(?:pub ?med(?: abstract)?|abstract|full[ -]?text|article|study|studies|trial|results?|link|here|source|doi|pmc|free full text|\d+)[\s[\](){}.,;:]*$/i

/** Longest evidence label kept; longer context is cut at a word boundary. */
export const MAX_EVIDENCE_LABEL = 300

/**
 * The label of an evidence entry: the link text when it names the record, otherwise the text
 * of the block around the link (a reference-list item, a sentence) without the link text,
 * shortened to `MAX_EVIDENCE_LABEL` characters.
 */
export const evidenceLabel = (linkText: string, blockText: string): string => {
  const text = linkText.replace(/\s+/g, ' ').trim()
  if (text && !GENERIC_LINK_TEXT.test(text)) return shorten(text)
  const context = blockText
    .split(linkText)
    .join(' ')
    .replace(/\[\s*\]|\(\s*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return shorten(context || text)
}

const shorten = (text: string): string => {
  if (text.length <= MAX_EVIDENCE_LABEL) return text
  const cut = text.slice(0, MAX_EVIDENCE_LABEL - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > MAX_EVIDENCE_LABEL / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
