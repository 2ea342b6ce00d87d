/**
 * The parser: commander, set up from the entries in options.ts, reads the
 * words of the command line (subcommands, flags, help, version, "did you
 * mean"); then the command's valibot schema checks the values and shapes
 * them. Nothing here prints: help and version come back as text, mistakes
 * as a UsageError, and main.ts writes them.
 */
import {Command, CommanderError, Option} from 'commander'
import * as v from 'valibot'
import {IMPRINT_VERSION} from '../version.ts'
import {COMMANDS, describeEntries, describeWithDefault, EXIT, PROGRAM, type CommandName, type EntryUsage} from './options.ts'

/** A command line that does not parse; each reason is one line of advice. */
export class UsageError extends Error {
  readonly reasons: readonly string[]

  constructor(reasons: readonly string[]) {
    super(reasons.join('\n'))
    this.reasons = reasons
  }
}

/** A command and its options, as its schema in options.ts shapes them. */
export type CommandRun = {[K in CommandName]: {readonly kind: K; readonly flags: v.InferOutput<(typeof COMMANDS)[K]['schema']>}}[CommandName]

export type CommandLine =
  /** Help or the version: print it and stop. */
  | {readonly kind: 'text'; readonly text: string}
  | CommandRun

/** Read `argv` (without node and the script); throws a UsageError when it is wrong. */
export async function parseCommandLine(argv: readonly string[]): Promise<CommandLine> {
  const {program, commands, output} = createProgram()
  // Bare `imprint` is asking what it can do.
  if (argv.length === 0) {
    program.outputHelp()
    return {kind: 'text', text: output.text}
  }
  let chosen: CommandName | undefined
  for (const [name, command] of commands) command.action(() => void (chosen = name))
  try {
    program.parse([...argv], {from: 'user'})
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    if (error.exitCode === 0) return {kind: 'text', text: output.text}
    throw new UsageError([reword(error.message)])
  }
  if (chosen === undefined) throw new UsageError([`say which command to run: ${Object.keys(COMMANDS).join(', ')}`])
  const command = commands.get(chosen)!
  const parsed = await v.safeParseAsync(COMMANDS[chosen].schema, readValues(command, describeEntries(COMMANDS[chosen].entries)))
  if (!parsed.success) throw new UsageError(parsed.issues.map((issue) => issue.message))
  // The schema was the chosen command's, so its output is that command's options.
  return {kind: chosen, flags: parsed.output} as CommandRun
}

/** The help of `imprint` or of one of its commands, as `--help` prints it. */
export function helpText(name?: CommandName): string {
  const {program, commands, output} = createProgram()
  ;(name === undefined ? program : commands.get(name)!).outputHelp()
  return output.text
}

interface Program {
  readonly program: Command
  readonly commands: ReadonlyMap<CommandName, Command>
  /** What commander printed: help or the version. */
  readonly output: {text: string}
}

function createProgram(): Program {
  const output = {text: ''}
  const [help, version] = describeEntries(PROGRAM.entries)
  const program = new Command(PROGRAM.name)
    .description(PROGRAM.description)
    .helpOption(help!.flags, help!.description)
    .version(IMPRINT_VERSION, version!.flags, version!.description)
    // Every command is in options.ts; no built-in `help` command besides them.
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void (output.text += text),
      writeErr: (text) => void (output.text += text),
      // Errors come back as a CommanderError, for main.ts to print.
      outputError: () => {}
    })
    .addHelpText('after', `\n\`${PROGRAM.name} <command> --help\` lists the options of a command.`)
    .addHelpText('afterAll', ['', 'Exit codes:', ...Object.values(EXIT).map((exit) => `  ${exit.code}  ${exit.meaning}`)].join('\n'))
  const commands = new Map<CommandName, Command>()
  for (const [name, definition] of Object.entries(COMMANDS) as Array<[CommandName, (typeof COMMANDS)[CommandName]]>) {
    // `.command()` (not `addCommand`) so the command inherits the settings above.
    const command = program
      .command(name)
      .summary(definition.summary)
      .description(`${definition.summary.charAt(0).toUpperCase()}${definition.summary.slice(1)}.\n\n${definition.description}`)
    for (const usage of describeEntries(definition.entries)) addEntry(command, usage)
    commands.set(name, command)
  }
  return {program, commands, output}
}

function addEntry(command: Command, usage: EntryUsage): void {
  if (usage.spelling.kind !== 'option') {
    command.argument(usage.flags, describeWithDefault(usage))
    return
  }
  const option = new Option(usage.flags, describeWithDefault(usage))
  if (usage.spelling.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
  command.addOption(option)
}

/**
 * What commander read, keyed as the schema's entries are: the operands as
 * a list (none given is left to the default), options by their long flag.
 */
function readValues(command: Command, usages: readonly EntryUsage[]): Record<string, unknown> {
  const given = command.opts()
  const values: Record<string, unknown> = {}
  for (const usage of usages) {
    if (usage.spelling.kind === 'operands') {
      const [operands] = command.processedArgs as [string[]]
      if (operands.length > 0) values[usage.name] = operands
      continue
    }
    if (usage.spelling.kind === 'operand') {
      const [operand] = command.processedArgs as [string | undefined]
      if (operand !== undefined) values[usage.name] = operand
      continue
    }
    const option = command.options.find((candidate) => candidate.long === `--${usage.name}`)!
    const value: unknown = given[option.attributeName()]
    // A `--no-x` switch is commander's `x: false`; the schema calls it `no-x: true`.
    values[usage.name] = option.negate ? (value === false ? true : undefined) : value
  }
  return values
}

/**
 * commander's `error: unknown option '--paer'\n(Did you mean --paper?)` as
 * one line, quoting as imprint's own messages do: `--paer`.
 */
function reword(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\s*\(Did you mean (.+)\?\)\s*$/, "; did you mean '$1'?")
    .replace(/'([^']*)'/g, '`$1`')
}
