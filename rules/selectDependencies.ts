/**
 * Which stored fields a computed field is built from: a `select` that asks for a computed field
 * reads what it needs, and one that does not ask for it reads (and computes) nothing for it.
 */
export type SelectDependencies = Readonly<Record<string, readonly string[]>>

type Select = Record<string, unknown>

/** True when `select` is in include mode (some field is `true` or a nested selection). */
const includeMode = (select: Select): boolean => Object.values(select).some((value) => value !== false)

/**
 * `select` with the fields its selected computed fields depend on added (include mode only: an
 * exclude-mode or absent `select` already reads them). Returns the same object when nothing is
 * missing.
 */
export const withSelectDependencies = <S extends Select | undefined>(select: S, dependencies: SelectDependencies): S => {
  if (!select || !includeMode(select)) return select
  const missing = Object.entries(dependencies)
    .filter(([computed]) => select[computed] === true)
    .flatMap(([, needed]) => needed)
    .filter((field) => select[field] === undefined || select[field] === false)
  if (missing.length === 0) return select
  return { ...select, ...Object.fromEntries(missing.map((field) => [field, true])) }
}
