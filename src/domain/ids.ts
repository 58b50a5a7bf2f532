// Ids as exports write them. The database's ids are hex (orders 12 characters, releases 16), and a hex
// id such as 388961e32646 is a number to readr (Inf), DuckDB (DOUBLE) and spreadsheets (3.9E+32651).
// Exports put a letter in front that no number format has: "o" for orders (and cases, which are named
// after their first order), "r" for releases. Commands that take an id accept either form.

export const ORDER_ID_PREFIX = 'o';
export const RELEASE_ID_PREFIX = 'r';

export const exportedOrderId = (id: string): string => `${ORDER_ID_PREFIX}${id}`;
export const exportedReleaseId = (id: string): string => `${RELEASE_ID_PREFIX}${id}`;

/** The database id of an id as given: an exported id loses its letter; anything else is kept. */
export function databaseId(id: string): string {
  const m = id.trim().match(/^[or](.+)$/);
  return m ? m[1]! : id.trim();
}
