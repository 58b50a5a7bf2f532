// The crawl's errors, told apart by class (never by message text) in Crawlee's error handlers.
import { NonRetryableError } from '@crawlee/http';

/** A status worth retrying (429, 503, 5xx): the handler has already set the origin's gate. */
export class RetryableStatusError extends Error {
  override name = 'RetryableStatusError';
}

/** Ends the crawl of a force: a 403 wall, robots.txt disallowing the listing, a listing that no longer parses. */
export class ForceFailedError extends NonRetryableError {
  override name = 'ForceFailedError';
}

/** Ends one request without retries: a URL or redirect the URL policy or robots.txt refuses. */
export class RequestRefusedError extends NonRetryableError {
  override name = 'RequestRefusedError';
}

/** A redirect chain longer than the limit (a loop): not retried. */
export class TooManyRedirectsError extends NonRetryableError {
  override name = 'TooManyRedirectsError';
}

/** A status that is neither content, missing, a wall nor a server error (1xx, 3xx without Location, odd 4xx). */
export class UnexpectedStatusError extends NonRetryableError {
  override name = 'UnexpectedStatusError';
}

/** Errors that end a request at once, whatever its retry count. */
export const isFinalError = (e: unknown): boolean => e instanceof NonRetryableError;
