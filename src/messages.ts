/**
 * Every message imprint gives about the content: its rule id, how serious
 * it is, what it means and how an editor fixes it. `report` puts one on a
 * VFile; docs/messages.md is generated from this table
 * (`npm run docs:messages`), so the two cannot drift apart.
 */
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {FETCH_LIMITS} from './fetch/limits.ts'

/**
 * An error stops the source (or the book) and fails the build; a warning is
 * printed and the outputs are written; a note is printed with `--verbose`.
 */
export type Severity = 'error' | 'warning' | 'note'

/** Where in the work a rule applies; docs/messages.md groups rules by it. */
export type Topic = 'fetching' | 'sources' | 'encoding' | 'metadata' | 'reading' | 'article' | 'resources' | 'books' | 'outputs'

export interface Rule {
  readonly severity: Severity
  /** A lesser severity the rule takes in the cases its `means` names. */
  readonly also?: Severity
  readonly topic: Topic
  /** What happened, said to the editor. */
  readonly means: string
  /** What the editor can do about it. */
  readonly fix: string
}

export const RULES = {
  'fetch-refused': {
    severity: 'error',
    topic: 'fetching',
    means: 'A URL given to `imprint fetch` or `imprint build`, an item of a feed, or a redirect on the way leads to an address imprint does not fetch from: one that is, or whose name resolves to, a loopback, private, link-local, multicast or other special-use address (checked after the name is resolved, and again on every redirect); a scheme other than http and https; or a URL with a user name or password in it. Nothing is requested from it.',
    fix: 'For a site on your own network, such as an intranet CMS, pass `--allow-private`. Give credentials with `--header`, not in the URL.'
  },
  'robots-disallowed': {
    severity: 'error',
    topic: 'fetching',
    means: 'The site\'s `robots.txt` asks robots with imprint\'s user agent (`imprint`) not to fetch this address (or, when robots.txt could not be had for a server error, not to fetch from the site at all for now).',
    fix: 'Save the page by hand, or ask the site. Pass `--ignore-robots` only for a site whose pages you may copy, such as your own.'
  },
  'fetch-failed': {
    severity: 'error',
    topic: 'fetching',
    means: `The server answered with an error status (404, 500…); or the connection was refused, reset or not made within the connect time limit; or the whole response took longer than its time limit; or the name was not found; or the redirects went round in a loop or past ${FETCH_LIMITS.redirects}. The message gives which. The other URLs are still fetched.`,
    fix: 'Check the URL in a browser. A time-out or a reset may pass on a second try; `--timeout` and `--connect-timeout` lengthen the limits.'
  },
  'fetch-too-large': {
    severity: 'error',
    topic: 'fetching',
    means: `The response was over its size limit: ${FETCH_LIMITS.pageBytes / 2 ** 20} MB for a page, ${FETCH_LIMITS.feedBytes / 2 ** 20} MB for a feed, ${FETCH_LIMITS.imageBytes / 2 ** 20} MB for an image. It is checked as the body arrives, and the download stops there; nothing of it is kept.`,
    fix: 'Save a page that large by hand, if it truly is one article.'
  },
  'wrong-content-type': {
    severity: 'error',
    topic: 'fetching',
    means: 'The server sent something other than what was asked for, by its `Content-Type`: a page must be `text/html` or XHTML, a feed RSS, Atom or JSON Feed (or XML or JSON), an image an image type.',
    fix: 'Give the address of the article\'s web page (not of a PDF or a download), or the feed\'s own address to `--feed`.'
  },
  'bad-feed': {
    severity: 'error',
    topic: 'fetching',
    means: 'What `--feed` named could not be read as RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed, or holds no item with a link or content.',
    fix: 'Check the address: a site\'s feed is usually linked from its pages as `<link rel="alternate" type="application/rss+xml">`.'
  },
  'image-not-fetched': {
    severity: 'warning',
    topic: 'fetching',
    means: 'An image the article shows could not be fetched, or is not a PNG, JPEG or GIF; the reason is given. The snapshot keeps its web address, so a build leaves it out (its caption stays) unless it is built with `--allow-remote`. The rest of the article is saved.',
    fix: 'Fetch again later, or save the image beside `source.html` and point the page\'s `<img>` at it.'
  },
  'missing-input': {
    severity: 'error',
    topic: 'sources',
    means: 'A file or folder named on the command line does not exist or cannot be listed.',
    fix: 'Check the spelling of the path, and run imprint from the folder the path is relative to.'
  },
  'url-input': {
    severity: 'error',
    topic: 'sources',
    means: 'A web address was given where a file or folder was expected. A build reads only local files, and never reaches the network.',
    fix: 'Bring the page in with `imprint fetch URL` (or `imprint build URL`, which fetches first), or save it from your browser ("Save page as…, HTML only") into the content folder and build that file.'
  },
  'unread-file': {
    severity: 'warning',
    topic: 'sources',
    means: 'A content folder holds a document imprint does not read (MDX, a word-processor file, a PDF, an e-book…), so it is not built. Images, metadata files and the book configuration are read with their articles and get no warning.',
    fix: 'Export the document as Markdown, HTML or plain text beside it, or move it out of the content folder.'
  },
  'linked-source': {
    severity: 'warning',
    topic: 'sources',
    means: 'A content folder holds a symbolic link to a source. Links in folders are not followed, since one could point anywhere on the machine; the linked file is not built.',
    fix: 'Copy the file into the folder, or name the link on the command line if you mean to build it.'
  },
  unreadable: {
    severity: 'error',
    topic: 'sources',
    means: 'A source, a metadata file or the book configuration could not be read: it is not a regular file (a folder, a pipe, a device), or the system refused to open it; the message gives the reason.',
    fix: 'Make the path an ordinary file you are allowed to read.'
  },
  'too-large': {
    severity: 'error',
    topic: 'sources',
    means: 'The file is over the size limit the message names (`source-size` for an article, `meta-size` for a metadata or configuration file, `image-size` for a book\'s cover), so it is refused; reading stops at the limit. docs/limits.md lists the limits.',
    fix: 'Split a very long article in parts. Images written into the text as `data:` addresses make a file large: save them as image files beside the article instead. If the file is as it should be, raise the limit with the `--limit` the message names.'
  },
  'too-deep': {
    severity: 'error',
    topic: 'reading',
    means: 'Elements, blocks or YAML collections nest deeper than the `depth` limit; no article nests so deep, and walking such a tree would exhaust the builder, so the file is refused before it is parsed.',
    fix: 'Repair the file (an HTML page whose tags are never closed nests every one in the last); raise the limit with `--limit depth=…` if it is as it should be.'
  },
  'too-many-blocks': {
    severity: 'error',
    topic: 'reading',
    means: 'The source begins more blocks (paragraphs, headings, list items, table rows and cells) than the `blocks` limit; it is refused before it is parsed. The longest article we know has some 2,500, and 50,000 make a PDF of thousands of pages.',
    fix: 'Split the article in parts, or raise the limit with `--limit blocks=…` if it is as it should be.'
  },
  'paragraph-too-long': {
    severity: 'error',
    topic: 'reading',
    means: 'One paragraph (or one line of pasted text) is longer than the `paragraph` limit; it is refused before it is parsed. Such a paragraph is usually text whose line breaks were lost, and an EPUB cannot split a chapter inside it.',
    fix: 'Break the text into paragraphs (a blank line between them), or raise the limit with `--limit paragraph=…` if it is as it should be.'
  },
  'too-much-emphasis': {
    severity: 'error',
    topic: 'reading',
    means: 'One Markdown paragraph holds more runs of emphasis marks (`*` or `_`) than the `emphasis` limit; it is refused before it is parsed. The Markdown parser pairs them in time that grows with the square of their number: 2,000 take a fraction of a second, 25,000 some 10 s.',
    fix: 'Break the paragraph up, or escape marks meant literally (`\\*`); raise the limit with `--limit emphasis=…` if it is as it should be.'
  },
  'over-budget': {
    severity: 'error',
    topic: 'reading',
    means: 'Reading the source, or making its page or EPUB, took longer than the `deadline` limit or more memory than the `memory` limit, so the worker thread doing it was stopped; the other sources are built. A large source is always read in a worker thread, so that it can be stopped.',
    fix: 'Look for what makes the file unusual (a very long list or paragraph, thousands of links or emphasis marks in a row) and split it, or raise the limit the message names with `--limit deadline=…` or `--limit memory=…`.'
  },
  'too-many-aliases': {
    severity: 'error',
    topic: 'metadata',
    means: 'A metadata or configuration file uses more YAML aliases (`*name`) than the `yaml-aliases` limit: aliases of aliases multiply, so a few lines can stand for billions of values.',
    fix: 'Write the values out instead of aliasing them, or raise the limit with `--limit yaml-aliases=…`.'
  },
  'image-over-limit': {
    severity: 'warning',
    also: 'error',
    topic: 'resources',
    means: 'An image is over the `image-size` limit in bytes, or its header declares more pixels than the `image-pixels` limit (decoding it would take gigabytes); it is refused from its header and left out. For a book\'s cover it is an error, and the book is not built.',
    fix: 'Scale the image down (a page shows no more than a few million pixels), or raise the limit with the `--limit` the message names.'
  },
  'empty-file': {
    severity: 'error',
    topic: 'sources',
    means: 'The source is empty or holds only spaces and line breaks.',
    fix: 'Put the article\'s text in the file, or remove the file from the content folder.'
  },
  'binary-file': {
    severity: 'error',
    topic: 'sources',
    means: 'The source holds a NUL byte near its start: it is not text but, for instance, a word-processor document, a PDF or an image with a text file\'s name.',
    fix: 'Export the article from the program that made it as plain text, Markdown or HTML, and build that file.'
  },
  'duplicate-slug': {
    severity: 'error',
    topic: 'sources',
    means: 'Two sources, or a book and a source, would write outputs of the same name. Output names come from the file name (from the folder name for `index.html` and the like) and from a book\'s title; `index` and `opds` belong to the download site.',
    fix: 'Rename one of the files, or retitle the book.'
  },
  'invalid-utf8': {
    severity: 'error',
    topic: 'encoding',
    means: 'The file is not valid UTF-8; the message gives the place of the first bad byte. It is refused rather than printed with broken letters. A web page that declares another charset is read in that charset first.',
    fix: 'Open the file in your editor and save it with the UTF-8 encoding.'
  },
  'invalid-utf16': {
    severity: 'error',
    topic: 'encoding',
    means: 'The file starts with a UTF-16 byte order mark but holds a broken character at the place given.',
    fix: 'Save the file as UTF-8.'
  },
  'utf-16': {
    severity: 'note',
    topic: 'encoding',
    means: 'The file is UTF-16 (what some editors call "Unicode"), as its byte order mark says, and was read as such.',
    fix: 'Nothing is wrong. Saving the file as UTF-8 silences the note.'
  },
  'legacy-charset': {
    severity: 'note',
    topic: 'encoding',
    means: 'A web page is not UTF-8 and was read in the older charset it declares, such as windows-1251.',
    fix: 'Check that the text reads right in the outputs. Saving the page as UTF-8 silences the note.'
  },
  'charset-mismatch': {
    severity: 'note',
    topic: 'encoding',
    means: 'A web page declares an older charset, but its bytes are valid UTF-8 (browsers re-encode a page when they save it), so it was read as UTF-8.',
    fix: 'Nothing, if the text reads right. Otherwise correct the page\'s `<meta charset>`.'
  },
  'bad-metadata': {
    severity: 'error',
    topic: 'metadata',
    means: 'The metadata file (`.meta.yaml` beside the article) or the Markdown front matter is not valid YAML or TOML, has a value of the wrong kind, or its front matter is never closed; with `--strict`, it also has a field imprint does not read. The article is not built.',
    fix: 'Correct the field at the line and column given: the message says what was expected, and the closest known field for one it does not know.'
  },
  'unknown-field': {
    severity: 'warning',
    topic: 'metadata',
    means: 'The metadata or front matter has a field imprint does not read, under any of the names it knows; it is ignored, and the message names the closest known field. Fields that only steer a site generator (`layout`, `permalink`, `weight`, `menu`…) are ignored without a word.',
    fix: 'Correct the name if it is a misspelling of a field imprint reads; otherwise nothing. Build with `--strict` to make these errors.'
  },
  draft: {
    severity: 'note',
    topic: 'metadata',
    means: 'The article is marked as a draft (`draft: true`, or Jekyll\'s `published: false`), so it is not built.',
    fix: 'Remove the mark, or set `draft: false`, when the article is ready.'
  },
  'outside-root': {
    severity: 'error',
    topic: 'metadata',
    means: 'The metadata file beside the article is a symbolic link to a file outside the article\'s folder, so it is refused: it could bring any file\'s text into the outputs.',
    fix: 'Copy the metadata file into the article\'s folder instead of linking it.'
  },
  'bad-config': {
    severity: 'error',
    topic: 'metadata',
    means: 'The book configuration (`imprint.config.yaml`, `.yml` or `.json`) is not valid YAML or JSON, or a book in it has an unknown field, lacks its title or articles, or has a value of the wrong kind. No book is built.',
    fix: 'Correct the field at the line and column given. A book needs a `title` and its `articles`; several books go in a list under `books:`.'
  },
  'page-metadata': {
    severity: 'note',
    topic: 'metadata',
    means: 'A web page\'s own metadata (its JSON-LD or `<meta>` tags) gave a value that is not valid for the field, such as a date that is not a date; it was ignored.',
    fix: 'If the article needs that field, give it in a `.meta.yaml` file beside the page.'
  },
  'empty-text': {
    severity: 'warning',
    topic: 'reading',
    means: 'A plain-text source has no text left once lines of page furniture are dropped.',
    fix: 'Check that the file holds the article and not only what surrounded it on the web.'
  },
  'missing-headline': {
    severity: 'warning',
    topic: 'reading',
    means: 'The first block of a plain-text source is not a headline, which is one short line without a full stop.',
    fix: 'Put the headline alone on the first line, or give a `title` in the metadata.'
  },
  'extra-caption': {
    severity: 'warning',
    topic: 'reading',
    means: 'A plain-text source repeats a photo caption a second time. Only the first becomes the lead photo\'s caption; the later one stays in the body as a figure.',
    fix: 'Check the figure in the outputs, and remove the repeated caption if it is a leftover of the web page.'
  },
  'no-credits': {
    severity: 'note',
    topic: 'reading',
    means: 'A plain-text source has no credits line such as "With reporting by …". Attribution is kept word for word only when there is one.',
    fix: 'Copy the credits line from the original article, or give `credits` in the metadata.'
  },
  'guessed-notice': {
    severity: 'warning',
    topic: 'reading',
    means: 'With no credits line, the last paragraphs that begin with the publisher\'s name were taken as the publisher\'s notice.',
    fix: 'Check the notice in the outputs. Put the credits line above the notice, or give the `notice` in the metadata, to say where it starts.'
  },
  'page-chrome': {
    severity: 'note',
    topic: 'reading',
    means: 'A line of a plain-text source or a paragraph of a web page that is entirely site furniture ("Advertisement", "Share this article" and the like) was dropped. Prose that merely contains such words is kept.',
    fix: 'Nothing, if the dropped text was furniture. If it was part of the article, report it to imprint\'s maintainers with the line.'
  },
  'raw-html': {
    severity: 'warning',
    topic: 'reading',
    means: 'A Markdown source holds raw HTML, which is not rendered; the text inside it stays. HTML comments are left alone.',
    fix: 'Write it in Markdown: an image as `![what it shows](file.jpg)`, the notice as a blockquote after the credits line.'
  },
  'literal-syntax': {
    severity: 'warning',
    topic: 'reading',
    means: 'A Markdown source holds syntax of another Markdown dialect that CommonMark does not know, such as pandoc\'s attributes (`{width=50%}`, `{.class}`) or TeX math (`$x^2$`, `$$…$$`). It would print as written, so the message gives its place.',
    fix: 'Remove the attributes (an image\'s size comes from the layout), and write the formula in words or Unicode (x², ∑), or as an image with alt text.'
  },
  'unused-footnote': {
    severity: 'warning',
    topic: 'reading',
    means: 'A Markdown footnote is defined but never referred to in the text, so it is left out.',
    fix: 'Refer to it where it belongs with `[^label]`, or delete it.'
  },
  'no-article': {
    severity: 'error',
    topic: 'reading',
    means: 'Too little of a saved web page is prose outside links and headings to be an article: it looks like a menu, a front page or an error page.',
    fix: 'Save the article\'s own page, or paste its text into a `.txt` file.'
  },
  'no-title': {
    severity: 'warning',
    topic: 'article',
    means: 'The article has no title: no headline in the source and no `title` in the metadata. Its first heading, or else its file name, was used.',
    fix: 'Add a headline (the first line of a text file, `#` in Markdown, `<h1>` in HTML) or a `title` field.'
  },
  'detected-language': {
    severity: 'note',
    topic: 'article',
    means: 'No language was given, so it was detected from the text, or, when the text is too short, the default language was used. Hyphenation, quotation marks and text direction follow it.',
    fix: 'Set `lang` in the metadata (such as `en`, `ru` or `fa-IR`) if the language is wrong.'
  },
  'missing-image': {
    severity: 'warning',
    topic: 'resources',
    means: 'An image the article shows was not found at its path; it is left out.',
    fix: 'Check the path, which is relative to the article\'s file, and that the image sits beside the article or below it.'
  },
  'refused-resource': {
    severity: 'warning',
    topic: 'resources',
    means: 'An image was refused and left out: its address is empty or malformed, could name any file on the machine (an absolute path, a `file:` address, a path or a link leading out of the article\'s folder), or is of a kind imprint does not load.',
    fix: 'Copy the image into the article\'s folder (or one below it) and refer to it by a relative path.'
  },
  'remote-image': {
    severity: 'warning',
    topic: 'resources',
    means: 'An image on the web was not fetched, since builds are offline unless told otherwise, or fetching it failed; it is left out.',
    fix: 'Download the image beside the article and refer to it by a relative path, or build with `--allow-remote`.'
  },
  'unsupported-image': {
    severity: 'warning',
    topic: 'resources',
    means: 'An image is not one imprint can carry into every output (PNG, JPEG or GIF), or is not a regular file; it is left out.',
    fix: 'Convert the image to PNG or JPEG.'
  },
  'missing-alt': {
    severity: 'warning',
    topic: 'resources',
    means: 'An image has no alternative text, so readers who cannot see it learn nothing of it. imprint never invents one.',
    fix: 'Describe what the image shows: `![a fishing boat at dawn](boat.jpg)` in Markdown, `alt` in HTML, or `image.alt` in the metadata for the lead photo.'
  },
  'local-link': {
    severity: 'warning',
    also: 'note',
    topic: 'resources',
    means: 'A link to a local file cannot be followed from the outputs, so it becomes plain text. A link to a file outside the article\'s folder or anywhere on the machine is refused, a warning; a harmless relative link is a note.',
    fix: 'Link to the page\'s address on the web instead. For a saved web page, give its address as `source` in the metadata: its relative links then point to that site.'
  },
  'blocked-request': {
    severity: 'warning',
    topic: 'resources',
    means: 'While a PDF was printed, the page asked for something the print sandbox refuses: a web address without `--allow-remote`, a file that does not exist or lies outside the article\'s folder and imprint\'s own files, or an address of a kind it never loads. The PDF is made without it.',
    fix: 'Put the file beside the article and refer to it by a relative path, or build with `--allow-remote` if it is on the web.'
  },
  'missing-article': {
    severity: 'error',
    topic: 'books',
    means: 'An entry of a book\'s `articles` matches no article of the build, or names one that failed to build. The book is not built.',
    fix: 'Check the path, glob or slug (paths are relative to the configuration file) and that the article is among the build\'s inputs; fix the article\'s own errors first.'
  },
  'empty-book': {
    severity: 'error',
    topic: 'books',
    means: 'A book made with `--book` has no articles: none of the build\'s inputs built.',
    fix: 'Fix the errors of the articles, or name the files and folders that hold them.'
  },
  'book-failed': {
    severity: 'error',
    topic: 'books',
    means: 'Writing a book\'s PDF or EPUB failed; the message gives the cause.',
    fix: 'Act on the cause the message gives, such as a browser that cannot be found. If it names no fault of the content or the setup, report it to imprint\'s maintainers.'
  },
  'parse-failed': {
    severity: 'error',
    topic: 'outputs',
    means: 'Reading the article stopped on an unexpected error. This is most likely a fault in imprint, not in the article.',
    fix: 'Report it to imprint\'s maintainers with the message and, if you may share it, the source file.'
  },
  'html-failed': {
    severity: 'error',
    topic: 'outputs',
    means: 'Writing the article\'s HTML page failed; the message, after `HTML:`, gives the cause.',
    fix: 'Act on the cause, such as a full disk or an output folder you may not write to.'
  },
  'pdf-failed': {
    severity: 'error',
    topic: 'outputs',
    means: 'Printing the article\'s PDF failed; the message, after `PDF:`, gives the cause.',
    fix: 'Act on the cause. Most often the browser that prints cannot be found or started: the message says where imprint looked, and `--browser` points it to one.'
  },
  'epub-failed': {
    severity: 'error',
    topic: 'outputs',
    means: 'Packing the article\'s EPUB failed; the message, after `EPUB:`, gives the cause.',
    fix: 'Act on the cause. If it names no fault of the content or the setup, report it to imprint\'s maintainers.'
  },
  'cover-failed': {
    severity: 'warning',
    topic: 'outputs',
    means: 'The browser could not draw the small cover an article\'s EPUB carries (title, publisher, date), so the EPUB was made without one; a reader then shows a cover of its own making.',
    fix: 'Act on the cause after `cover:`; most often no browser was found, and `--browser` points imprint to one.'
  }
} as const satisfies Record<string, Rule>

export type RuleId = keyof typeof RULES

/** The other severity a rule allows, or `never` for a rule with one. */
type AlsoOf<R extends RuleId> = (typeof RULES)[R] extends {readonly also: infer S extends Severity} ? S : never

export interface ReportOptions<R extends RuleId> {
  /** Where in the file: a point, or a span. */
  readonly place?: Point | Position
  /** The file the problem is in when it is not the source itself, such as its metadata file. */
  readonly file?: string
  /** Advice for this one message, beyond the rule's. */
  readonly note?: string
  /** The rule's lesser severity, for the cases its entry names. */
  readonly as?: AlsoOf<R>
}

/**
 * Put a message on `file` under `rule`, with the rule's severity in vfile's
 * terms: `fatal` is true for an error, false for a warning, unset for a note.
 */
export function report<R extends RuleId>(file: VFile, rule: R, reason: string, options: ReportOptions<R> = {}): VFileMessage {
  const message = file.message(reason, {place: options.place, ruleId: rule, source: 'imprint'})
  const severity: Severity = options.as ?? RULES[rule].severity
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  if (options.file !== undefined) message.file = options.file
  if (options.note !== undefined) message.note = options.note
  return message
}

/** True when `file` has an error: its source, or book, is not built. */
export function hasFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}

/** What a thrown error says, as a message's reason: its first line. */
export function errorReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}
