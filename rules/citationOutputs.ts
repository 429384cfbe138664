import { Cite, type CSL } from '@citation-js/core'
import '@citation-js/plugin-csl'

import type { CalendarDate } from './calendarDate.js'
import type { Audience } from './vocabulary.js'

/** What the citation outputs need of an article, its source and its reviewer, as plain data. */
export interface CitationInput {
  accessed: CalendarDate
  audience: Audience
  cancerTypes: string[]
  id: number | string
  language: string
  lastReviewed: CalendarDate | null
  /** The approving reviewer's public record (name, credentials, affiliation), when they have a name. */
  reviewer: null | PublicReviewer
  source: { homeUrl: null | string; label: string; name: null | string } | null
  title: string
  url: string
}

/** What the public learns of the reviewer who approved an article: nothing else of the account. */
export interface PublicReviewer {
  affiliation: null | string
  credentials: null | string
  name: string
}

/**
 * The reviewer as a schema.org `Person`: name, credentials as an `EducationalOccupationalCredential`
 * and affiliation as an `Organization`, each only when given.
 */
export const toReviewerPerson = (reviewer: PublicReviewer): Record<string, unknown> => ({
  '@type': 'Person',
  ...(reviewer.affiliation ? { affiliation: { '@type': 'Organization', name: reviewer.affiliation } } : {}),
  ...(reviewer.credentials ? { hasCredential: { '@type': 'EducationalOccupationalCredential', name: reviewer.credentials } } : {}),
  name: reviewer.name,
})

/** The citation style the formatted string follows. */
export const CITATION_STYLE = 'vancouver'

const dateParts = (day: CalendarDate): [number, number, number] => day.split('-').map(Number) as [number, number, number]

const publisherName = (input: CitationInput): string | undefined => input.source?.name ?? input.source?.label ?? undefined

/**
 * The article as a CSL-JSON item of type `webpage`: the organisation as author and publisher,
 * the last review as the date the page was updated, today as the date accessed.
 */
export const toCslItem = (input: CitationInput): CSL => {
  const publisher = publisherName(input)
  return {
    accessed: { 'date-parts': [dateParts(input.accessed)] },
    ...(publisher ? { author: [{ literal: publisher }], publisher } : {}),
    id: String(input.id),
    ...(input.lastReviewed ? { issued: { 'date-parts': [dateParts(input.lastReviewed)] } } : {}),
    language: input.language,
    title: input.title,
    type: 'webpage',
    URL: input.url,
  }
}

/**
 * The citation formatted by a CSL processor in the Vancouver style (ICMJE / NLM Citing
 * Medicine, the style of biomedical journals), as plain text without a list number.
 */
export const formatCitation = (item: CSL): string =>
  String(new Cite(item).format('bibliography', { format: 'text', lang: 'en-US', template: CITATION_STYLE }))
    .trim()
    .replace(/^\d+\.\s*/, '')

const SCHEMA_AUDIENCE: Record<Audience, { '@type': string; audienceType: string; name: string }> = {
  caregiver: { '@type': 'PeopleAudience', audienceType: 'Caregiver', name: 'Caregivers' },
  clinician: { '@type': 'MedicalAudience', audienceType: 'Clinician', name: 'Clinicians' },
  patient: { '@type': 'MedicalAudience', audienceType: 'Patient', name: 'Patients' },
  researcher: { '@type': 'MedicalAudience', audienceType: 'MedicalResearcher', name: 'Researchers' },
}

/**
 * A schema.org `MedicalWebPage` JSON-LD document of the article: when and by whom it was last
 * reviewed, who it is for, what it is about, how to cite it, its language, URL and publisher.
 */
export const toJsonLd = (input: CitationInput, citation: string): Record<string, unknown> => {
  const publisher = input.source
    ? {
        '@type': 'Organization',
        name: publisherName(input),
        ...(input.source.homeUrl ? { url: input.source.homeUrl } : {}),
      }
    : undefined
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    about: input.cancerTypes.map((type) => ({ '@type': 'MedicalCondition', name: `${type} cancer` })),
    audience: SCHEMA_AUDIENCE[input.audience],
    citation,
    inLanguage: input.language,
    ...(input.lastReviewed ? { lastReviewed: input.lastReviewed } : {}),
    name: input.title,
    ...(publisher ? { publisher } : {}),
    ...(input.reviewer
      ? { reviewedBy: toReviewerPerson(input.reviewer) }
      : publisher
        ? { reviewedBy: publisher }
        : {}),
    url: input.url,
  }
}
