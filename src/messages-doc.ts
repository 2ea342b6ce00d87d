/**
 * docs/messages.md, made from the table in messages.ts. Run it with
 * `npm run docs:messages` after changing a rule; a test fails while the
 * page and the table disagree.
 */
import {writeFile} from 'node:fs/promises'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {RULES, type Rule, type RuleId, type Topic} from './messages.ts'

export const MESSAGES_DOC = fileURLToPath(new URL('../docs/messages.md', import.meta.url))

/** Headings in the order of the work: a page is fetched, a source is found, decoded, read, then its images, books and outputs. */
const TOPICS: Record<Topic, string> = {
  fetching: 'Fetching from the web',
  sources: 'Finding and reading sources',
  encoding: 'Encodings',
  metadata: 'Metadata and book configuration',
  reading: 'Reading text, Markdown and web pages',
  article: 'Title and language',
  resources: 'Images, links and requests',
  books: 'Books',
  outputs: 'Writing the outputs'
}

export function renderMessagesDoc(): string {
  const rules = Object.entries(RULES) as Array<[RuleId, Rule]>
  const sections = (Object.keys(TOPICS) as Topic[]).map((topic) => {
    const entries = rules.filter(([, rule]) => rule.topic === topic)
    return [`## ${TOPICS[topic]}`, '', ...entries.flatMap(([id, rule]) => renderRule(id, rule))].join('\n')
  })
  const index = (Object.keys(TOPICS) as Topic[]).map((topic) => {
    const ids = rules.filter(([, rule]) => rule.topic === topic).map(([id]) => `[\`${id}\`](#${id})`)
    return `- ${TOPICS[topic]}: ${ids.join(', ')}`
  })
  return [
    '# Messages',
    '',
    '<!-- Made from src/messages.ts by `npm run docs:messages`: change the table there, not this page. -->',
    '',
    'imprint reports a problem in the content as a message on the file it concerns,',
    'at its line and column when it has one. The last word names the rule:',
    '',
    '    content/boat.md:3:1  warning  image `boat.jpg` has no alt text  missing-alt',
    '',
    'Each message is one of three severities:',
    '',
    '- **error**: the article, or the book, is not built, and the build ends with exit code 1;',
    '- **warning**: the outputs are written, but something was left out or guessed; `--quiet` hides warnings;',
    '- **note**: for your information, printed only with `--verbose`.',
    '',
    '`--json` gives the same messages to scripts, each with its `severity` and `ruleId`.',
    `Below are all ${rules.length} rules, what each means and how to fix it.`,
    '',
    ...index,
    '',
    sections.join('\n')
  ].join('\n')
}

function renderRule(id: RuleId, rule: Rule): string[] {
  const severity = rule.also ? `**${rule.severity}** or **${rule.also}**` : `**${rule.severity}**`
  return [`### \`${id}\``, '', `Severity: ${severity}`, '', rule.means, '', `Fix: ${rule.fix}`, '']
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(MESSAGES_DOC, renderMessagesDoc())
}
