import type { TextFieldSingleValidation } from 'payload'

import { bcp47Problem, httpUrlProblem, licenseProblem, sourceTypeProblem } from '../rules/formats.js'

// Wraps a pure format check as a Payload text-field validator; an empty optional value passes
// (the field's `required` says whether it may be empty).
const fromRule =
  (problem: (value: string) => null | string): TextFieldSingleValidation =>
  (value) =>
    value === null || value === undefined || value === '' ? true : (problem(value) ?? true)

/** An absolute http(s) URL. */
export const validateHttpUrl = fromRule(httpUrlProblem)
/** A BCP 47 language tag. */
export const validateBcp47 = fromRule(bcp47Problem)
/** A `NN_key` source type. */
export const validateSourceType = fromRule(sourceTypeProblem)
/** A licence identifier. */
export const validateLicense = fromRule(licenseProblem)
