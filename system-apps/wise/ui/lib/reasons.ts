// For you's reasons in words: the keys the server gives, with their terms or feed, as a short phrase in the user's language.
import type { Composer } from 'vue-i18n';
import type { ForYouItem } from '../../shared/wire';

type Reason = ForYouItem['reasons'][number];

export function reasonText(r: Reason, t: Composer['t']): string {
  switch (r.key) {
    case 'sharedTerms':
      return r.terms?.length ? t('wise.reasons.sharedTerms', { terms: r.terms.slice(0, 4).join(', ') }) : '';
    case 'favouriteFeed':
      // The row names the feed already.
      return t('wise.reasons.favouriteFeed');
    case 'fresh':
      return t('wise.reasons.fresh');
    case 'similarToStarred':
      return t('wise.reasons.similarToStarred');
    default:
      return '';
  }
}
