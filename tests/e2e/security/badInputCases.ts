/** The tables of bad input the security suite sends (badInput.e2e.ts, ../open/faults.open.ts). */

/** The NUL character, which PostgreSQL text cannot hold. */
export const NUL = '\u0000'

/** A string no other fixture of this run has. */

/**
 * Query strings no list may answer with data or a 500: [name, query]. Paths a collection does not
 * have are refused by Payload (400) before anything else, so each case is bad on every collection.
 */
export const BAD_WHERES: [string, string][] = [
  ['where like on a select', 'where[status][like]=act'],
  ['where contains on a select', 'where[status][contains]=act'],
  ['where equals outside the enumeration', 'where[status][equals]=bogus'],
  ['where in with one value outside the enumeration', 'where[status][in]=draft,bogus'],
  ['where an unknown audience', 'where[audienceLevel][equals]=aliens'],
  ['where an unknown review state', 'where[reviewState][equals]=nope'],
  ['where greater_than on a select', 'where[status][greater_than]=a'],
  ['where a NUL byte in equals', 'where[title][equals]=a%00b'],
  ['where a NUL byte in like', 'where[title][like]=%00'],
  ['where a NUL byte in not_equals', 'where[language][not_equals]=en%00'],
  ['where a NUL byte in a url', 'where[url][equals]=https://x%00'],
  ['where near on a text', 'where[title][near]=1,2'],
  ['where within on a text', 'where[title][within]=x'],
  ['where intersects on a text', 'where[title][intersects]=x'],
  ['where an unknown operator', 'where[title][regex]=.*'],
  ['where an id beyond bigint', 'where[id][equals]=99999999999999999999'],
  ['where an id beyond integer', 'where[id][equals]=2147483648'],
  ['where a text id', 'where[id][equals]=abc'],
  ['where a negative id', 'where[id][equals]=-1'],
  ['where a fractional id', 'where[id][equals]=1.5'],
  ['where in with a text id', 'where[id][in]=1,abc'],
  ['where like on an id', 'where[id][like]=1'],
  ['where near on an id', 'where[id][near]=1,2'],
  ['where a text for a relation', 'where[source][equals]=abc'],
  ['where a relation id beyond integer', 'where[source][equals]=99999999999'],
  ['where a text for a number across a relation', 'where[source.tierRank][less_than]=two'],
  ['where an infinite number across a relation', 'where[source.tierRank][equals]=1e309'],
  ['where like on a date', 'where[lastReviewed][like]=2020'],
  ['where a date that is no date', 'where[lastReviewed][equals]=yesterday'],
  ['where a date out of range', 'where[lastReviewed][greater_than]=99999-99-99'],
  ['where like on createdAt', 'where[createdAt][like]=2020'],
  ['where contains on updatedAt', 'where[updatedAt][contains]=2020'],
  ['where a createdAt that is no date', 'where[createdAt][equals]=not-a-date'],
  ['where exists that is no boolean', 'where[createdAt][exists]=maybe'],
  ['where a bad value inside or', 'where[or][0][status][equals]=bogus'],
  ['where a bad id inside and/or', 'where[and][0][or][0][id][equals]=abc'],
  ['where a NUL byte inside and', 'where[and][0][title][equals]=%00'],
  ['where as a plain string', 'where=status'],
  ['where a path without an operator', 'where[title]=x'],
  ['where a NUL byte in a path', 'where[ti%00tle][equals]=x'],
  ['where a text for a number', 'where[tierRank][equals]=abc'],
  ['where like on a checkbox', 'where[needsDefinition][like]=tr'],
  ['where a NUL byte in an NCI id', 'where[nciId][equals]=%00'],
  ['where near on a term', 'where[term][near]=1,2'],
  ['where a NUL byte in an email', 'where[email][equals]=a%00@b.test'],
  ['where an unknown role', 'where[role][equals]=superuser'],
  ['where a NUL byte in a session id', 'where[sessions.id][equals]=%00'],
  ['where like on an event action', 'where[action][like]=sub'],
  ['where a text for an event article', 'where[article][equals]=abc'],
  ['page -1', 'page=-1'],
  ['page 0', 'page=0'],
  ['page 1e309', 'page=1e309'],
  ['page that is no number', 'page=abc'],
  ['page beyond any offset', 'page=99999999999999'],
  ['limit 1e309', 'limit=1e309'],
  ['limit -1', 'limit=-1'],
  ['limit that is no number', 'limit=ten'],
]

/** Query parameters Payload may ignore or refuse, but never answer with a 500: [name, query]. */
export const ODD_PARAMETERS: [string, string][] = [
  ['sort by a NUL byte', 'sort=%00'],
  ['sort by an unknown field', 'sort=-nope'],
  ['sort by a list', 'sort[]=title&sort[]=%00'],
  ['depth -1', 'depth=-1'],
  ['depth 1e309', 'depth=1e309'],
  ['select an unknown field', 'select[nope]=true'],
  ['select with a NUL byte', 'select[%00]=true'],
  ['populate an unknown collection', 'populate[nope][title]=true'],
  ['joins with a bad limit', 'joins[reviewHistory][limit]=-1'],
  ['locale with a NUL byte', 'locale=%00'],
  ['draft that is no boolean', 'draft=maybe'],
  ['trash that is no boolean', 'trash=maybe'],
  ['pagination that is no boolean', 'pagination=maybe'],
  ['a percent sign that decodes to nothing', 'where[title][equals]=%E0%A4%A'],
  ['a 1,000-element in list', `where[id][in]=${Array.from({ length: 1_000 }, (_, index) => index + 1).join(',')}`],
]

/** Ids in a path that no document can have. */
export const BAD_IDS = ['abc', '99999999999999999999', '2147483648', '-1', '1.5', '%00', '0x10', '1e3', '%20']

/** Ids Payload reads leniently as a number ("1\0" is 1): answered as that id or refused, never 500. */
export const LENIENT_IDS = ['1%00', '01', '+1']

/** What an error answer must never show: [label, pattern]. */
const INTERNALS: [string, RegExp][] = [
  ['SQL', /\bselect\s+(?:distinct\s+)?(?:"|\*|count\()|\bfrom\s+"\w+"|insert\s+into\s|delete\s+from\s/i],
  ['a failed query', /failed query|params:/i],
  ['a stack frame', /\bat\s+[\w$.<>]+\s+\(?[^()\s]*:\d+:\d+\)?/],
  ['a stack', /"stack"\s*:/],
  ['a module path', /node_modules|\.next\/server/],
  ['a PostgreSQL message', /syntax error at or near|invalid input (?:value|syntax) for|violates|operator does not exist|out of range for type|SQLSTATE/i],
  ['an enum type', /\benum_\w+/],
]

/** The first internal detail an answer shows, or null. */
export const leaksInternals = (text: string): null | string => {
  for (const [label, pattern] of INTERNALS) if (pattern.test(text)) return label
  return null
}
