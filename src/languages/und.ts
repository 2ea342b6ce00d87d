/** The row of a language the table has no row for: left to right, English quotes, brand names only. */
import {DOUBLE_QUOTES, type LanguageRules} from './language-rules.ts'

export const und: LanguageRules = {
  lang: 'und',
  name: 'Undetermined',
  dir: 'ltr',
  quotes: DOUBLE_QUOTES,
  fullStops: '.',
  credits: [],
  bylines: [],
  // Share-button labels are brand names, the same in every language; a
  // row of buttons copies as their names on one line.
  chrome: [
    /(?:(?:Facebook|Twitter|X|WhatsApp|Telegram|Viber|Signal|VK|VKontakte|Odnoklassniki|LinkedIn|Reddit|Pinterest|Instagram|YouTube|Threads|Bluesky|Mastodon|RSS|E-?mail|Messenger)(?: |$))+/
  ],
  listHeads: [],
  // Words that read the same in most of the languages that use them.
  promos: [/cookies?|newsletters?|podcasts?/],
  stopWords: '',
  months: []
}
