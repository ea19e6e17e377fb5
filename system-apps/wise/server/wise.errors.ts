// Wise's refusals, each with the stable reason the UI translates; none says whether something the caller may not see exists.
import { appError } from '../../../bff/trpc/app-error';
import { FeedError, type FeedErrorKind } from './feeds/types';

export const notFound = () => appError('NOT_FOUND', 'wise.notFound', 'There is no such feed, folder, entry or highlight, or it is not yours.');
export const folderExists = () => appError('CONFLICT', 'wise.folderExists', 'You already have a folder with this name.');
export const notInLibrary = () => appError('NOT_FOUND', 'wise.notFound', 'This entry is not one of your saved articles or documents.');
export const badOpml = () => appError('BAD_REQUEST', 'wise.opml.invalid', 'This is not an OPML file Wise can read.');

const FEED_MESSAGES: Record<FeedErrorKind, string> = {
  network: 'The site could not be reached.',
  timeout: 'The site took too long to answer.',
  tooLarge: 'The answer is too large.',
  http: 'The site answered with an error.',
  blocked: 'That address is on a private network, which Wise may not reach.',
  notAFeed: 'No feed was found at that address.',
  tooManyRedirects: 'The address redirects too many times.',
};

/** A feed error surfaced from subscribing: BAD_REQUEST `wise.feed.<kind>`. */
export function feedRefused(err: FeedError) {
  return appError('BAD_REQUEST', `wise.feed.${err.kind}`, `${FEED_MESSAGES[err.kind]} (${err.message})`);
}

/** A page that could not be saved: BAD_REQUEST `wise.save.<kind>` (`notAFeed` there means nothing readable on the page). */
export function saveRefused(err: FeedError) {
  const message = err.kind === 'notAFeed' ? 'Nothing readable was found on that page.' : FEED_MESSAGES[err.kind];
  return appError('BAD_REQUEST', `wise.save.${err.kind}`, `${message} (${err.message})`);
}

export const isFeedError = (err: unknown): err is FeedError => err instanceof FeedError;
