import type { FieldError } from '../../seed/problems.js'

// The reference article of the importer's unit tests (seed/frontMatter.ts, seed/document.ts).

export const TODAY = '2026-01-15'

export const FIELDS: Record<string, unknown> = {
  audienceLevel: 'patient',
  cancerTypes: ['breast'],
  citation: 'NCI, 2025',
  language: 'en',
  lastReviewed: '2025-12-30',
  license: 'public_domain',
  reviewFrequency: 'quarterly',
  source: 'NCI',
  sourceType: '02_nci_core',
  status: 'active',
  tags: ['cancer-type'],
  title: 'Adjuvant Bisphosphonates for Postmenopausal Breast Cancer - NCI',
  url: 'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis',
  version: 'v1',
}

export const FRONT_MATTER = `---
audienceLevel: patient
cancerTypes:
- breast
citation: NCI, 2025
language: en
lastReviewed: '2025-12-30'
license: public_domain
reviewFrequency: quarterly
source: NCI
sourceType: 02_nci_core
status: active
tags:
- cancer-type
title: Adjuvant Bisphosphonates for Postmenopausal Breast Cancer - NCI
url: https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis
version: v1
---
`
export const DOCUMENT = `${FRONT_MATTER}
# Heading

Body text.
`

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
export const fields = (errors: FieldError[]): string[] => errors.map((error) => error.field)
export const errorsOf = (result: { errors: FieldError[]; ok: false } | { ok: true }): FieldError[] => (result.ok ? [] : result.errors)
