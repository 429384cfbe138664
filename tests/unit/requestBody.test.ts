import { checkBodyEnvelope, checkJsonBody, MAX_BODY_BYTES } from '../../rules/requestBody.js'

describe('checkBodyEnvelope', () => {
  it.each<[string, null | string, null | string, boolean, null | number]>([
    // [method, content type, content length, has a body, status]
    ['POST', 'application/json', '10', true, null],
    ['POST', 'application/json; charset=utf-8', '10', true, null],
    ['PATCH', 'multipart/form-data; boundary=x', '100', true, null],
    ['POST', 'application/x-www-form-urlencoded', '10', true, 415],
    ['POST', 'multipart/form-data', '100', true, 400],
    ['POST', 'multipart/form-data; charset=utf-8', '100', true, 400],
    ['POST', 'text/plain', '5', true, 415],
    ['PUT', 'text/plain;charset=UTF-8', '5', true, 415],
    ['POST', 'application/xml', '5', true, 415],
    ['POST', null, '5', true, 415],
    ['POST', 'text/plain', '0', true, null],
    ['POST', 'text/plain', null, false, null],
    ['GET', 'text/plain', '5', true, null],
    ['DELETE', 'text/plain', '5', true, null],
    ['POST', 'application/json', String(MAX_BODY_BYTES + 1), true, 413],
    ['POST', 'application/json', String(MAX_BODY_BYTES), true, null],
    ['POST', 'application/json', 'nonsense', true, null],
  ])('%s %p, length %p → %p', (method, contentType, contentLength, hasBody, status) => {
    expect(checkBodyEnvelope({ contentLength, contentType, hasBody, method })?.status ?? null).toBe(status)
  })
})

describe('checkBodyEnvelope with a method override', () => {
  it.each<[null | string, null | number]>([
    ['application/x-www-form-urlencoded', null],
    ['application/json', null],
    ['text/plain', 415],
  ])('%p → %p', (contentType, status) => {
    expect(checkBodyEnvelope({ contentLength: '10', contentType, hasBody: true, method: 'POST', methodOverride: true })?.status ?? null).toBe(status)
  })
})

describe('checkJsonBody', () => {
  it.each<[string, null | number]>([
    ['{"title":"x"}', null],
    ['{}', null],
    ['', null],
    ['  ', null],
    ['"hello"', 400],
    ['null', 400],
    ['42', 400],
    ['true', 400],
    ['[1,2]', 400],
    ['{bad', 400],
    ['{"a":1', 400],
    ['\u0000', 400],
  ])('%p → %p', (text, status) => {
    expect(checkJsonBody(text)?.status ?? null).toBe(status)
  })

  it('refuses a text over the budget with 413', () => {
    expect(checkJsonBody('{"a":"xxxxxxxxxx"}', 10)?.status).toBe(413)
  })
})
