/**
 * A page's `<title>` often carries the site's name: "Tide tables – My
 * website". Readability weighs the separators it knows (`|`, `-`, `/`, `>`,
 * `»`) and keeps the name when cutting it would leave too little; its
 * judgement stands. After the separators it does not know (en and em
 * dashes, `·`, `•`, `~`, `::`) the name is cut when the page says it is the
 * site's: `og:site_name`, the JSON-LD publisher, `application-name`, the
 * text or logo of a link to the site's front page, or a "© Name" line.
 */

// A separator Readability leaves alone, with space on both sides.
const SEPARATOR = /\s+(?:[–—·•~]|::)\s+/g

/** Names the page gives its site, read before extraction changes the document. */
export function siteNamesOf(document: Document, declared: ReadonlyArray<string | undefined>): Set<string> {
  const names = new Set<string>()
  const add = (value: string | null | undefined) => {
    const name = comparable(value ?? '')
    if (name.length >= 2 && name.length <= 60) names.add(name)
  }
  for (const name of declared) add(name)
  for (const link of document.querySelectorAll('a[href="/"], a[rel~="home"], [class*="logo" i] a, a[class*="logo" i]')) {
    add(link.textContent)
    add(link.getAttribute('title'))
    for (const image of link.querySelectorAll('img[alt]')) add(image.getAttribute('alt'))
  }
  for (const image of document.querySelectorAll('img[class*="logo" i][alt], [class*="logo" i] img[alt]')) add(image.getAttribute('alt'))
  for (const footer of document.querySelectorAll('footer')) {
    for (const match of (footer.textContent ?? '').matchAll(/(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([^\n.|,]{2,60})/gi)) {
      add(match[1])
    }
  }
  return names
}

/** The title without a site name the page gives at its start or end; the title itself when none is found or nothing would be left. */
export function withoutSiteName(title: string, siteNames: ReadonlySet<string>): string {
  if (siteNames.size === 0) return title
  const separators = [...title.matchAll(SEPARATOR)]
  const last = separators.at(-1)
  if (last?.index !== undefined && siteNames.has(comparable(title.slice(last.index + last[0].length)))) {
    const rest = title.slice(0, last.index).trim()
    if (hasWords(rest)) return withoutSiteName(rest, siteNames)
  }
  const first = separators[0]
  if (first?.index !== undefined && siteNames.has(comparable(title.slice(0, first.index)))) {
    const rest = title.slice(first.index + first[0].length).trim()
    if (hasWords(rest)) return withoutSiteName(rest, siteNames)
  }
  return title
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text)
}

/** Case-folded, without punctuation or spaces. */
function comparable(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('und').replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '')
}
