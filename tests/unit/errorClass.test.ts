import { classifyError, RETRY_AFTER_SECONDS } from '../../rules/errorClass.js'

const pgError = (code: string, message = 'database error') => Object.assign(new Error(message), { code })
// drizzle wraps the driver's error: "Failed query: …" with the pg error as its cause.
const drizzleError = (cause: unknown) =>
  Object.assign(new Error('Failed query: select "articles"."id" from "articles" where "articles"."status" = $1\nparams: x'), { cause })
const withStatus = (status: number, message = 'x') => Object.assign(new Error(message), { status })

describe('classifyError', () => {
  it.each<[string, unknown, null | number]>([
    // Values PostgreSQL could not use: the caller's fault.
    ['22P02 invalid text representation (enum, integer)', pgError('22P02', 'invalid input value for enum'), 400],
    ['22003 number out of range (id beyond integer)', pgError('22003', 'value "99999999999" is out of range for type integer'), 400],
    ['22021 NUL byte in text', pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'), 400],
    ['22P05 untranslatable character', pgError('22P05'), 400],
    ['22007 bad datetime format', pgError('22007', 'invalid input syntax for type timestamp'), 400],
    ['22008 datetime out of range', pgError('22008'), 400],
    ['42883 operator does not exist (ilike on an enum)', pgError('42883', 'operator does not exist: enum_articles_status ~~* unknown'), 400],
    ['42804 datatype mismatch', pgError('42804'), 400],
    ['22001 string too long', pgError('22001'), 400],
    ['2201B bad regular expression', pgError('2201B'), 400],
    ['54001 statement too complex', pgError('54001'), 400],
    ['23503 a relation to a document that does not exist', pgError('23503', 'insert or update on table "articles" violates foreign key constraint'), 400],
    ['23502 a required value missing', pgError('23502'), 400],
    ['multipart: not eligible for file upload', new Error('Request is not eligible for file upload'), 400],
    ['the same, wrapped by drizzle', drizzleError(pgError('22P02')), 400],
    ['wrapped twice', Object.assign(new Error('outer'), { cause: drizzleError(pgError('22003')) }), 400],
    // The database unavailable: retry later.
    ['08006 connection failure', pgError('08006'), 503],
    ['08P01 protocol violation (more than 65,535 parameters)', pgError('08P01', 'bind message supplies 34464 parameters'), 400],
    ['08001 cannot connect', pgError('08001'), 503],
    ['08003 connection does not exist', pgError('08003'), 503],
    ['57P01 admin shutdown (pg_terminate_backend)', pgError('57P01', 'terminating connection due to administrator command'), 503],
    ['57P02 crash shutdown', pgError('57P02'), 503],
    ['57P03 cannot connect now (starting up)', pgError('57P03', 'the database system is starting up'), 503],
    ['53300 too many connections', pgError('53300', 'sorry, too many clients already'), 503],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 503],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 503],
    ['pool timeout', new Error('timeout exceeded when trying to connect'), 503],
    ['connection terminated unexpectedly', new Error('Connection terminated unexpectedly'), 503],
    ['connection terminated wrapped by drizzle', drizzleError(new Error('Connection terminated')), 503],
    ['database not accepting connections', pgError('55000', 'database "x" is not currently accepting connections'), 503],
    ['client closed', new Error('Client was closed and is not queryable'), 503],
    ['Payload: a BEGIN that failed, rethrown without its cause', new Error('Error: cannot begin transaction: Failed query: begin\nparams: '), 503],
    // A concurrent transaction won: PostgreSQL aborted this one whole, nothing was saved, send it again.
    ['40P01 deadlock', pgError('40P01', 'deadlock detected'), 409],
    ['40P01 deadlock wrapped by drizzle (a version row of a save)', drizzleError(pgError('40P01', 'deadlock detected')), 409],
    ['40001 serialization failure', pgError('40001'), 409],
    // Bodies that do not parse.
    ['JSON SyntaxError', new SyntaxError('Unexpected token h in JSON at position 0'), 400],
    ['multipart: unexpected end of form', new Error('Unexpected end of form'), 400],
    ['multipart: no boundary', new Error('Multipart: Boundary not found'), 400],
    ['entity too large', Object.assign(new Error('request entity too large'), { type: 'entity.too.large' }), 413],
    ['stack overflow from a deep body', new RangeError('Maximum call stack size exceeded'), 400],
    // Errors that already carry a client status stand as they are.
    ['ValidationError 400', withStatus(400, 'The following field is invalid: title'), null],
    ['Forbidden 403', withStatus(403), null],
    ['NotFound 404', withStatus(404), null],
    ['Conflict 409', withStatus(409), null],
    // Real faults stay faults (500), never described.
    ['a TypeError in server code', new TypeError("Cannot read properties of undefined (reading 'id')"), null],
    ['42P01 undefined table (a migration missing)', pgError('42P01', 'relation "articles" does not exist'), null],
    ['42703 undefined column', pgError('42703'), null],
    ['23505 unique violation (answered by Payload itself)', pgError('23505'), null],
    ['a plain Error', new Error('something broke'), null],
    ['a 500 APIError', withStatus(500, 'Something went wrong.'), null],
    ['null', null, null],
    ['a string', 'boom', null],
    ['undefined', undefined, null],
  ])('%s → %p', (_name, error, status) => {
    const classified = classifyError(error)
    expect(classified?.status ?? null).toBe(status)
    if (classified) {
      // Messages are safe to show anyone: no SQL, no parameters, no driver text.
      expect(classified.message).not.toMatch(/select|insert|params|\$1|enum_|articles/i)
      expect(classified.retryAfter).toBe(status === 503 ? RETRY_AFTER_SECONDS : undefined)
    }
  })

  it('stops at a cause cycle', () => {
    const error: Error & { cause?: unknown } = new Error('outer')
    error.cause = error
    expect(classifyError(error)).toBeNull()
  })
})
