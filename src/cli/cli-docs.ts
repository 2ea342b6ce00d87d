/**
 * docs/cli.md, made from options.ts, the one definition the parser and
 * `--help` come from too. `npm run docs:cli` writes it; a test fails when
 * the committed file is not what this makes.
 */
import {LIMITS, showLimit, type LimitName} from '../limits.ts'
import {COMMANDS, describeEntries, EXIT, PROGRAM, type EntryUsage} from './options.ts'

export const CLI_DOCS_PATH = 'docs/cli.md'

export function renderCliDocs(): string {
  const lines = [
    '# The command line',
    '',
    '<!-- Made by `npm run docs:cli` from src/cli/options.ts: edit that file, not this one. -->',
    '',
    `\`${PROGRAM.name}\`: ${PROGRAM.description}.`,
    '',
    '```',
    `${PROGRAM.name} <command> [options]`,
    '```',
    ''
  ]
  for (const [name, command] of Object.entries(COMMANDS)) {
    const usages = describeEntries(command.entries)
    const operands = usages.filter((usage) => usage.spelling.kind !== 'option').map((usage) => ` ${usage.flags}`)
    lines.push(`## \`${PROGRAM.name} ${name}${operands.join('')} [options]\``, '', `${capitalize(command.summary)}.`, '', escape(command.description), '')
    lines.push(...table(usages), '')
  }
  lines.push('## Limits', '', 'What `--limit NAME=VALUE` moves; [limits](limits.md) says why each default is where it is.', '')
  lines.push('| Name | Default | Bounds |', '| --- | --- | --- |')
  for (const [name, limit] of Object.entries(LIMITS)) lines.push(`| \`${name}\` | ${showLimit(name as LimitName, limit.default)} | ${escape(limit.bounds)} |`)
  lines.push('')
  lines.push('## Options of every command', '', ...table(describeEntries(PROGRAM.entries)), '')
  lines.push('## Exit codes', '', '| Code | Meaning |', '| --- | --- |')
  for (const exit of Object.values(EXIT)) lines.push(`| ${exit.code} | ${exit.meaning} |`)
  lines.push(
    '',
    'A wrong command line prints `imprint: <reason>` and ``Run `imprint --help` for usage.`` on stderr;',
    'a mistyped command or option is answered with the nearest known one, when one is near.',
    ''
  )
  return lines.join('\n')
}

function table(usages: readonly EntryUsage[]): string[] {
  const rows = usages.map((usage) => `| ${cell(usage.flags)} | ${escape(usage.description)}${repeats(usage)} | ${usage.shownDefault === undefined ? '' : escape(usage.shownDefault)} |`)
  return ['| Argument or option | Meaning | Default |', '| --- | --- | --- |', ...rows]
}

function repeats(usage: EntryUsage): string {
  return usage.spelling.kind === 'option' && usage.spelling.repeatable ? ' (may be repeated)' : ''
}

function cell(flags: string): string {
  return flags
    .split(', ')
    .map((flag) => `\`${flag}\``)
    .join(', ')
}

/** The text is plain: `<slug>` and `|` must not be read as HTML or as a table's edge. */
function escape(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
