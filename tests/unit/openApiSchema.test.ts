import type { Field } from 'payload'

import { fieldProperties, fieldSchema } from '../../rules/openApiSchema.js'

const refOf = (slug: string) => `#/components/schemas/${slug}`

describe('fieldSchema', () => {
  it.each<[string, Field, unknown]>([
    ['required text', { name: 'a', required: true, type: 'text' }, { type: 'string' }],
    ['optional text', { name: 'a', type: 'text' }, { anyOf: [{ type: 'string' }, { type: 'null' }] }],
    ['text hasMany', { hasMany: true, name: 'a', required: true, type: 'text' }, { items: { type: 'string' }, type: 'array' }],
    ['number', { name: 'a', required: true, type: 'number' }, { type: 'number' }],
    ['checkbox', { name: 'a', required: true, type: 'checkbox' }, { type: 'boolean' }],
    ['date', { name: 'a', required: true, type: 'date' }, { format: 'date-time', type: 'string' }],
    ['email', { name: 'a', required: true, type: 'email' }, { format: 'email', type: 'string' }],
    [
      'select of objects and strings',
      { name: 'a', options: [{ label: 'A', value: 'a' }, 'b'], required: true, type: 'select' },
      { enum: ['a', 'b'], type: 'string' },
    ],
    [
      'select hasMany',
      { hasMany: true, name: 'a', options: ['x'], required: true, type: 'select' },
      { items: { enum: ['x'], type: 'string' }, type: 'array' },
    ],
    [
      'relationship',
      { name: 'a', relationTo: 'sources', required: true, type: 'relationship' },
      { anyOf: [{ type: 'integer' }, { $ref: '#/components/schemas/sources' }] },
    ],
    [
      'polymorphic relationship',
      { name: 'a', relationTo: ['sources', 'articles'], required: true, type: 'relationship' },
      {
        properties: {
          relationTo: { enum: ['sources', 'articles'], type: 'string' },
          value: { anyOf: [{ type: 'integer' }, { $ref: '#/components/schemas/sources' }, { $ref: '#/components/schemas/articles' }] },
        },
        type: 'object',
      },
    ],
    ['json may be anything, null too', { name: 'a', type: 'json' }, {}],
    ['described', { admin: { description: 'Why' }, name: 'a', required: true, type: 'text' }, { description: 'Why', type: 'string' }],
  ])('%s', (_name, field, schema) => {
    expect(fieldSchema(field, refOf)).toEqual(schema)
  })

  it.each<[string, Field]>([
    ['a hidden field', { hidden: true, name: 'a', type: 'text' }],
    ['a UI field', { admin: { components: {} }, name: 'a', type: 'ui' }],
  ])('leaves out %s', (_name, field) => {
    expect(fieldSchema(field, refOf)).toBeNull()
  })
})

describe('fieldProperties', () => {
  it('flattens rows, collapsibles and unnamed tabs; nests groups, named tabs and arrays', () => {
    const fields: Field[] = [
      { fields: [{ name: 'a', required: true, type: 'text' }], type: 'row' },
      { fields: [{ name: 'b', required: true, type: 'number' }], label: 'More', type: 'collapsible' },
      {
        tabs: [
          { fields: [{ name: 'c', required: true, type: 'checkbox' }], label: 'One' },
          { fields: [{ name: 'd', required: true, type: 'text' }], name: 'named' },
        ],
        type: 'tabs',
      },
      { fields: [{ name: 'e', required: true, type: 'text' }], name: 'group', type: 'group' },
      { fields: [{ name: 'f', required: true, type: 'text' }], name: 'list', type: 'array' },
    ]
    expect(fieldProperties(fields, refOf)).toEqual({
      a: { type: 'string' },
      b: { type: 'number' },
      c: { type: 'boolean' },
      group: { anyOf: [{ properties: { e: { type: 'string' } }, type: 'object' }, { type: 'null' }] },
      list: {
        anyOf: [
          {
            items: { properties: { f: { type: 'string' }, id: { anyOf: [{ type: 'string' }, { type: 'null' }] } }, type: 'object' },
            type: 'array',
          },
          { type: 'null' },
        ],
      },
      named: { properties: { d: { type: 'string' } }, type: 'object' },
    })
  })
})
