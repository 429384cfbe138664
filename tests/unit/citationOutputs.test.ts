import { type CitationInput, formatCitation, toCslItem, toJsonLd } from '../../rules/citationOutputs.js'

const reference: CitationInput = {
  accessed: '2026-11-26',
  audience: 'patient',
  cancerTypes: ['breast'],
  id: 12,
  language: 'en',
  lastReviewed: '2025-12-30',
  reviewer: null,
  source: { homeUrl: 'https://www.cancer.gov', label: 'NCI', name: 'National Cancer Institute' },
  title: 'Adjuvant Bisphosphonates for Postmenopausal Breast Cancer - NCI',
  url: 'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis',
}

describe('toCslItem', () => {
  it('is a CSL-JSON webpage item with the organisation, the review date and the access date', () => {
    expect(toCslItem(reference)).toEqual({
      accessed: { 'date-parts': [[2026, 11, 26]] },
      author: [{ literal: 'National Cancer Institute' }],
      id: '12',
      issued: { 'date-parts': [[2025, 12, 30]] },
      language: 'en',
      publisher: 'National Cancer Institute',
      title: 'Adjuvant Bisphosphonates for Postmenopausal Breast Cancer - NCI',
      type: 'webpage',
      URL: 'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis',
    })
  })

  it('leaves out what it does not know', () => {
    const item = toCslItem({ ...reference, lastReviewed: null, source: null })
    expect(item).not.toHaveProperty('issued')
    expect(item).not.toHaveProperty('author')
    expect(item).not.toHaveProperty('publisher')
  })
})

describe('formatCitation', () => {
  it('formats in the Vancouver style with a CSL processor', () => {
    expect(formatCitation(toCslItem(reference))).toBe(
      'National Cancer Institute. Adjuvant Bisphosphonates for Postmenopausal Breast Cancer - NCI [Internet]. National Cancer Institute; 2025 [cited 2026 Nov 26]. Available from: https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis',
    )
  })
})

describe('toJsonLd', () => {
  it('is a schema.org MedicalWebPage', () => {
    expect(toJsonLd({ ...reference, reviewer: { affiliation: null, credentials: null, name: 'Dr. Ada Reviewer' } }, 'the citation')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'MedicalWebPage',
      about: [{ '@type': 'MedicalCondition', name: 'breast cancer' }],
      audience: { '@type': 'MedicalAudience', audienceType: 'Patient', name: 'Patients' },
      citation: 'the citation',
      inLanguage: 'en',
      lastReviewed: '2025-12-30',
      name: 'Adjuvant Bisphosphonates for Postmenopausal Breast Cancer - NCI',
      publisher: { '@type': 'Organization', name: 'National Cancer Institute', url: 'https://www.cancer.gov' },
      reviewedBy: { '@type': 'Person', name: 'Dr. Ada Reviewer' },
      url: 'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis',
    })
  })

  it.each([
    [{ affiliation: null, credentials: null, name: 'Ada' }, { '@type': 'Person', name: 'Ada' }],
    [
      { affiliation: null, credentials: 'MD, medical oncology', name: 'Ada' },
      { '@type': 'Person', hasCredential: { '@type': 'EducationalOccupationalCredential', name: 'MD, medical oncology' }, name: 'Ada' },
    ],
    [
      { affiliation: 'City Hospital', credentials: 'MD', name: 'Ada' },
      {
        '@type': 'Person',
        affiliation: { '@type': 'Organization', name: 'City Hospital' },
        hasCredential: { '@type': 'EducationalOccupationalCredential', name: 'MD' },
        name: 'Ada',
      },
    ],
  ])('reviewedBy is a Person with what the reviewer made public: %p', (reviewer, person) => {
    expect(toJsonLd({ ...reference, reviewer }, '').reviewedBy).toEqual(person)
  })

  it.each([
    ['clinician', 'Clinician'],
    ['researcher', 'MedicalResearcher'],
    ['caregiver', 'Caregiver'],
  ] as const)('audience %s → %s', (audience, audienceType) => {
    expect(toJsonLd({ ...reference, audience }, '').audience).toMatchObject({ audienceType })
  })

  it('names the publishing organisation as reviewer when no reviewer name is known', () => {
    expect(toJsonLd(reference, '').reviewedBy).toEqual({
      '@type': 'Organization',
      name: 'National Cancer Institute',
      url: 'https://www.cancer.gov',
    })
  })
})
