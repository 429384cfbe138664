import { taskOutputSchema } from '../../src/jobs/taskOutputSchema.js'

describe('taskOutputSchema: a task output as Payload fields, in the order given', () => {
  it.each<[Parameters<typeof taskOutputSchema>[0], { name: string; type: string }[]]>([
    [{}, []],
    [{ sent: 'number' }, [{ name: 'sent', type: 'number' }]],
    [
      { checked: 'number', today: 'text', duplicate: 'checkbox' },
      [
        { name: 'checked', type: 'number' },
        { name: 'today', type: 'text' },
        { name: 'duplicate', type: 'checkbox' },
      ],
    ],
  ])('%p', (fields, schema) => {
    expect(taskOutputSchema(fields)).toEqual(schema)
  })
})
