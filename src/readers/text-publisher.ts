/**
 * The publisher a pasted page names, for when no sidecar gives one.
 *
 * A publisher's notice opens by naming it: "RFE/RL journalists report…",
 * "Журналисты РСЕ/РС рассказывают…", "The Wennol Courier is an
 * independent…", "رادیو فردا بخشی از…". Its name is the subject of the
 * notice's first sentence, and it has a name's shape: an acronym, a run of
 * capitalised words, or, in a script without capitals, words the page
 * repeats elsewhere (in its header, its footer, its copyright line). Without
 * a notice, a possessive in the credits line ("RFE/RL's Russian Service")
 * or the site's copyright line ("© 2024 Harbour Gazette") names it.
 */
import {withoutRightsReserved} from '../languages.ts'
import {hasCasedLetters, isCapitalized, type Line} from './text-lines.ts'
import type {LineRole} from './text-layout.ts'

// A name's acronym: "RFE/RL", "РСЕ/РС", "BBC", "AT&T".
const ACRONYM = /^[\p{Lu}\d]{2,}(?:[/&.-][\p{Lu}\d]+)*$|^\p{Lu}[\p{Lu}\d]*(?:[/&][\p{Lu}\d]+)+$/u
// Words that may stand inside a name of capitalised words: "Voice of America", "Radio «Azattyk»".
const NAME_JOINERS = /^(?:of|the|and|for|de|du|des|la|le|el|del|di|der|die|das|für|und|и|за)$/iu
const MAX_NAME_WORDS = 5

export function findPublisher(lines: readonly Line[], roles: readonly LineRole[]): string | undefined {
  const notice = lines.filter((_line, index) => roles[index] === 'notice').map((line) => line.value)
  const elsewhere = lines.filter((_line, index) => roles[index] !== 'notice').map((line) => line.value)
  const credits = lines.find((_line, index) => roles[index] === 'credits')?.value
  return fromNotice(notice, elsewhere) ?? (credits === undefined ? undefined : fromCredits(credits)) ?? fromCopyright(lines.map((line) => line.value))
}

/** The name the notice's first sentence opens with or holds. */
function fromNotice(notice: readonly string[], elsewhere: readonly string[]): string | undefined {
  const first = notice[0]
  if (first === undefined) return undefined
  const sentence = first.split(/(?<=[.!?։۔؟])\s/u)[0] ?? first
  const words = sentence.split(/\s+/u).slice(0, 12)
  const repeated = (name: string): boolean => notice.slice(1).some((text) => text.includes(name)) || elsewhere.some((text) => text.includes(name))

  // An acronym near the start ("RFE/RL journalists", "Журналисты РСЕ/РС").
  for (const [position, word] of words.entries()) {
    const name = word.replace(/^[«"“„(]+|[»"”),:;.]+$|['’]s$/gu, '')
    if (!ACRONYM.test(name) || !/\p{L}/u.test(name)) continue
    if (position <= 2 || /[/&]/u.test(name) || repeated(name)) return name
  }
  if (hasCasedLetters(sentence)) {
    // Capitalised words opening the sentence, past an article: "The Wennol Courier", "Радио «Полдень»".
    const name = leadingName(words)
    return name !== undefined && (name.split(/\s+/u).length >= 2 || repeated(name)) ? name : undefined
  }
  // No capitals to go by: the longest opening the page repeats elsewhere, of two words or more.
  for (let count = Math.min(MAX_NAME_WORDS, words.length - 1); count >= 2; count--) {
    const name = words.slice(0, count).join(' ')
    if (repeated(name)) return name
  }
  return undefined
}

function leadingName(words: readonly string[]): string | undefined {
  const name: string[] = []
  for (const word of words) {
    const bare = word.replace(/^[«"“„]+|[»"”]+$/gu, '')
    if (isCapitalized(bare) || (name.length > 0 && NAME_JOINERS.test(bare))) name.push(word)
    else break
    if (name.length === MAX_NAME_WORDS) break
  }
  while (name.length > 0 && NAME_JOINERS.test(name.at(-1)!)) name.pop()
  // A sentence's first word alone is capitalised anyway.
  return name.length === 0 ? undefined : name.join(' ').replace(/[,:;]+$/u, '')
}

/** "With reporting by RFE/RL's Russian Service": the name before the possessive. */
function fromCredits(credits: string): string | undefined {
  return /(?<name>(?:\p{Lu}[\p{L}\p{N}/&.-]*\s+){0,3}\p{Lu}[\p{L}\p{N}/&.-]*)['’]s\s/u.exec(credits)?.groups?.name
}

/** "© 2014 BuzzFeed, Inc", "washingtonpost.com © 1996-2015 The Washington Post", "Copyright 2024 Harbour Gazette." */
function fromCopyright(lines: readonly string[]): string | undefined {
  for (const line of lines.map(withoutRightsReserved)) {
    const match = /(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\p{Nd}{4}(?:\s*[-–]\s*\p{Nd}{4})?\s*,?\s*)?(?<name>\p{L}[^|•·]{1,60}?)\s*(?:[,.]?\s*(?:inc|ltd|llc|gmbh|s\.?a|plc)\.?)?\s*(?:[.|•·]|$)/iu.exec(line)
    const name = match?.groups?.name?.trim()
    if (name !== undefined && isNameShaped(name)) return name
  }
  return undefined
}

/**
 * A few words, each capitalised, an acronym or a joiner ("of"); in a script
 * without capitals, three words at most. Cyrillic, Greek and Armenian names
 * capitalise their first word only ("Областные вести", "Новая газета").
 */
function isNameShaped(name: string): boolean {
  const words = name.split(/\s+/u)
  if (!hasCasedLetters(name)) return words.length <= 3
  if (!/\p{Script=Latin}/u.test(name) && words.length <= 3 && isCapitalized(words[0]!) && words.every((word) => /^\p{L}+$/u.test(word))) return true
  return words.length <= MAX_NAME_WORDS && words.every((word) => isCapitalized(word) || ACRONYM.test(word) || NAME_JOINERS.test(word) || /\.\p{L}{2,}$/u.test(word))
}
