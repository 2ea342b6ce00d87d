/**
 * `imprint init`: the files of a new project, as data. One example of each
 * kind of input imprint reads (pasted text with its sidecar, Markdown with
 * front matter, a page saved from a browser), a book that collects them,
 * and the scripts to build, preview and serve it.
 *
 * The texts are made up, about a made-up town, so that the scaffold carries
 * no one's copyright; each still shows the attribution and notice an
 * article keeps word for word.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {stringify} from 'yaml'
import {IMPRINT_VERSION} from '../version.ts'

export interface ScaffoldOptions {
  readonly title: string
  readonly publisher: string
  readonly lang: string
  /** The project's package name. */
  readonly name: string
}

export interface ScaffoldFile {
  /** Relative to the project's folder, with `/`. */
  readonly path: string
  readonly text: string
}

/**
 * How the project depends on imprint. imprint is not on the npm registry:
 * a project made by an imprint checkout depends on that checkout by its
 * path (`file:`; npm links it, so `npm install` takes a second and the
 * checkout's own dependencies serve). An imprint installed as a package
 * (its folder is inside a node_modules) is asked for by version.
 */
export function imprintDependency(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '')
  return root.split(path.sep).includes('node_modules') || !existsSync(path.join(root, 'package.json')) ? `^${IMPRINT_VERSION}` : `file:${root}`
}

export function scaffold(options: ScaffoldOptions): ScaffoldFile[] {
  const {title, publisher, lang} = options
  return [
    {path: 'package.json', text: packageJson(options)},
    {path: 'imprint.config.yaml', text: config(options)},
    {path: '.gitignore', text: 'node_modules/\ndist/\n'},
    {path: 'README.md', text: readme(title)},
    {
      path: 'content/harbour-ferry.txt',
      text: [
        'Skip to main content',
        '',
        'Ferry to the Islands Runs Again After the Winter',
        '',
        'The first boat of the season left the harbour at seven, with forty passengers and a van of bread.',
        '',
        'The ferry to the outer islands sailed again on Monday, after ice kept it in port for eleven weeks.',
        '',
        '"We have waited since January," said a baker from the largest island, who was on the first crossing with her bread van.',
        '',
        'The crossing takes fifty minutes. Until the end of May the boat runs twice a day; from June, four times.',
        '',
        'Reporting by Ada Strand',
        '',
        'Share this article',
        ''
      ].join('\n')
    },
    {
      path: 'content/harbour-ferry.meta.yaml',
      text: [
        '# The pasted text cannot carry these facts: they sit beside it, in a sidecar',
        '# with the same name. Every field is optional; see docs/content.md.',
        stringify({publisher, date: '2025-04-07', lang, credits: 'Reporting by Ada Strand', notice: `© ${publisher}. Shared with permission; keep this notice.`}).trim(),
        ''
      ].join('\n')
    },
    {
      path: 'content/night-market.md',
      text: [
        '---',
        stringify({title: 'A Night Market Fills the Old Fish Hall', publisher, date: '2025-05-02', lang, byline: 'Jon Vik'}).trim(),
        '---',
        '',
        'The old fish hall by the quay opened its doors on **Friday evening** for the first night market of the year.',
        '',
        'Some thirty stalls sold smoked fish, honey, knitwear and books. The market runs every Friday until September.',
        '',
        '## What to bring',
        '',
        '- a bag of your own: the stalls give none',
        '- cash for the smaller stalls',
        '',
        '> "The hall was built for herring. Now it is full of people again," said the harbour master.',
        ''
      ].join('\n')
    },
    {
      path: 'content/reading-room.html',
      text: [
        '<!doctype html>',
        `<html lang="${lang}">`,
        '<head>',
        '<meta charset="utf-8">',
        '<title>Library Opens a Reading Room for Children | Town News</title>',
        `<meta property="og:site_name" content="${escapeAttribute(publisher)}">`,
        '<meta name="author" content="Lena Horn">',
        '<meta property="article:published_time" content="2025-03-15T09:00:00Z">',
        '</head>',
        '<body>',
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>',
        '<article>',
        '<h1>Library Opens a Reading Room for Children</h1>',
        '<p>The room on the ground floor holds 3,000 books and a corner for reading aloud.</p>',
        '<p>The town library opened a reading room for children on Saturday, the first new room in the building since 1962.</p>',
        '<p>Most of the books were given by families in the town. Librarians read aloud in the corner twice a week.</p>',
        '<p>Reporting by Lena Horn</p>',
        `<p>© 2025 ${escapeAttribute(publisher)}. Shared with permission; keep this notice.</p>`,
        '</article>',
        '<footer><a href="/about">About us</a> <a href="/newsletter">Newsletter</a></footer>',
        '</body>',
        '</html>',
        ''
      ].join('\n')
    }
  ]
}

function packageJson(options: ScaffoldOptions): string {
  const manifest = {
    name: options.name,
    private: true,
    description: `${options.title}: articles as web pages, PDF handouts and EPUBs`,
    scripts: {
      build: 'imprint build',
      dev: 'imprint dev',
      serve: 'imprint serve'
    },
    dependencies: {imprint: imprintDependency()},
    // A linked checkout is compiled already; its `prepare` (compile, find a browser) need not run here.
    allowScripts: {imprint: false}
  }
  return JSON.stringify(manifest, null, 2) + '\n'
}

function config(options: ScaffoldOptions): string {
  const book = stringify({title: options.title, publisher: options.publisher, lang: options.lang}).trim()
  return [
    '# The book `npm run build` collects, besides each article\'s own files.',
    '# Every field is described in docs/books-and-print.md of imprint.',
    book,
    '# subtitle: A few words under the title',
    '# editor: [Your Name]',
    '# date: 2025-06-01          # YYYY-MM-DD; the newest article\'s date if unset',
    '# cover: cover.jpg          # a .png or .jpg of your own; one is drawn if unset',
    '# order: date               # listed (as below), date or title',
    'articles:',
    '  - content/night-market.md  # a path, a glob or a slug, in reading order',
    '  - content/harbour-ferry.txt',
    '  - content/reading-room.html',
    '# Several books: put each under `books:`, as a list.',
    ''
  ].join('\n')
}

function readme(title: string): string {
  return [
    `# ${title}`,
    '',
    '```sh',
    'npm install && npm run build   # content/ -> dist/: a page, a PDF and an EPUB per article, and the book',
    'npm run dev                    # rebuild on every change, with a preview that reloads by itself',
    'npm run serve                  # serve dist/ to this machine; add `-- --lan` for phones and e-readers',
    '```',
    '',
    'Put articles in `content/`: pasted text (`.txt`, with a `.meta.yaml` sidecar for its',
    'publisher, date and notice), Markdown (`.md`, with front matter) or saved web pages',
    '(`.html`). The book is set in `imprint.config.yaml`.',
    ''
  ].join('\n')
}

function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')
}
