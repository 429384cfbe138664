import type { Field } from 'payload'

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), as plain data. */
export type JsonSchema = { [key: string]: unknown }

/** How a relationship's target is written in a schema: a `$ref` to its component, by slug. */
export type RefOf = (slug: string) => string

const nullable = (schema: JsonSchema, required: boolean): JsonSchema =>
  required ? schema : { anyOf: [schema, { type: 'null' }] }

const withDescription = (schema: JsonSchema, field: Field): JsonSchema => {
  const admin: object | undefined = 'admin' in field ? field.admin : undefined
  const description = admin && 'description' in admin ? admin.description : undefined
  return typeof description === 'string' ? { ...schema, description } : schema
}

const optionValues = (options: readonly unknown[]): string[] =>
  options.map((option) => (typeof option === 'string' ? option : String((option as { value: unknown }).value)))

const manyOrOne = (schema: JsonSchema, hasMany: boolean | undefined): JsonSchema =>
  hasMany ? { items: schema, type: 'array' } : schema

/** A related document: its id at depth 0, the document itself when populated. */
const relation = (targets: readonly string[] | string, refOf: RefOf): JsonSchema => {
  if (Array.isArray(targets)) {
    return {
      properties: {
        relationTo: { enum: [...targets], type: 'string' },
        value: { anyOf: [{ type: 'integer' }, ...targets.map((slug) => ({ $ref: refOf(slug) }))] },
      },
      type: 'object',
    }
  }
  return { anyOf: [{ type: 'integer' }, { $ref: refOf(String(targets)) }] }
}

/**
 * The JSON Schema of one field's value as the REST API answers it, or `null` for fields that
 * carry no data (UI fields) or are never answered (hidden fields).
 */
export const fieldSchema = (field: Field, refOf: RefOf): JsonSchema | null => {
  if ('hidden' in field && field.hidden) return null
  const required = 'required' in field && field.required === true
  const hasMany = 'hasMany' in field ? Boolean(field.hasMany) : false
  let schema: JsonSchema
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'code':
      schema = manyOrOne({ type: 'string' }, hasMany)
      break
    case 'email':
      schema = { format: 'email', type: 'string' }
      break
    case 'number':
      schema = manyOrOne({ type: 'number' }, hasMany)
      break
    case 'checkbox':
      schema = { type: 'boolean' }
      break
    case 'date':
      schema = { format: 'date-time', type: 'string' }
      break
    case 'select':
    case 'radio':
      schema = manyOrOne({ enum: optionValues(field.options), type: 'string' }, hasMany)
      break
    case 'relationship':
    case 'upload':
      schema = manyOrOne(relation(field.relationTo, refOf), hasMany)
      break
    case 'richText':
      schema = { description: 'Lexical editor state', type: 'object' }
      break
    case 'json':
      schema = {}
      break
    case 'point':
      schema = { items: { type: 'number' }, maxItems: 2, minItems: 2, type: 'array' }
      break
    case 'group':
      if (!('name' in field) || !field.name) return null
      schema = objectSchema(field.fields, refOf)
      break
    case 'array':
      schema = {
        items: objectSchema([...field.fields, { name: 'id', type: 'text' }], refOf),
        type: 'array',
      }
      break
    case 'blocks':
      schema = { items: { properties: { blockType: { type: 'string' } }, type: 'object' }, type: 'array' }
      break
    case 'join':
      schema = {
        properties: {
          docs: { items: { anyOf: [{ type: 'integer' }, { $ref: refOf(String(field.collection)) }] }, type: 'array' },
          hasNextPage: { type: 'boolean' },
          totalDocs: { type: 'integer' },
        },
        type: 'object',
      }
      break
    default:
      return null
  }
  // A JSON field may hold null itself; anything else the API leaves empty comes back as null.
  return withDescription(field.type === 'json' ? schema : nullable(schema, required), field)
}

/** The fields a field list answers with, by name: rows, collapsibles and unnamed tabs are flattened. */
export const fieldProperties = (fields: readonly Field[], refOf: RefOf): Record<string, JsonSchema> => {
  const properties: Record<string, JsonSchema> = {}
  for (const field of fields) {
    if (field.type === 'row' || field.type === 'collapsible' || (field.type === 'group' && !('name' in field && field.name))) {
      Object.assign(properties, fieldProperties(field.fields, refOf))
    } else if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) properties[tab.name] = objectSchema(tab.fields, refOf)
        else Object.assign(properties, fieldProperties(tab.fields, refOf))
      }
    } else if ('name' in field && field.name) {
      const schema = fieldSchema(field, refOf)
      if (schema) properties[field.name] = schema
    }
  }
  return properties
}

/**
 * An object of a field list. No property is `required`: a `select`, a lean list or field access
 * may leave any of them out; the types of what is there are what the schema holds to.
 */
export const objectSchema = (fields: readonly Field[], refOf: RefOf): JsonSchema => ({
  properties: fieldProperties(fields, refOf),
  type: 'object',
})
