/**
 * The command line, and with the run-*.ts modules the only code that
 * prints or sets the exit code: program.ts reads the words, run-<command>.ts
 * runs the command and reports it.
 *
 *   imprint build [paths… | URLs…] [--out DIR] [--format html,pdf,epub] [--paper a4|letter|a5]
 *   imprint fetch [URLs…] [--feed URL] [--out content]
 *   imprint dev [paths…] [--out DIR] [--port N] [--host H]
 *   imprint serve [DIR] [--port N] [--host H | --lan]
 *   imprint init [DIR] [--title T] [--publisher P] [--lang L]
 *
 * The options are in options.ts; docs/cli.md lists them.
 */
import {EXIT} from './options.ts'
import {parseCommandLine, UsageError, type CommandLine} from './program.ts'

export async function main(argv: readonly string[]): Promise<number> {
  let command: CommandLine
  try {
    command = await parseCommandLine(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    for (const reason of error.reasons) process.stderr.write(`imprint: ${reason}\n`)
    process.stderr.write('Run `imprint --help` for usage.\n')
    return EXIT.usage.code
  }

  switch (command.kind) {
    case 'text':
      process.stdout.write(command.text)
      return EXIT.built.code
    case 'build': {
      // The build, Chromium and unified load only once a build is asked for:
      // `imprint --version` and `--help` start without them.
      const {runBuild} = await import('./run-build.ts')
      return runBuild(command.flags)
    }
    case 'fetch': {
      const {runFetch} = await import('./run-fetch.ts')
      return runFetch(command.flags)
    }
    case 'dev': {
      const {runDev} = await import('./run-dev.ts')
      return runDev(command.flags)
    }
    case 'serve': {
      const {runServe} = await import('./run-serve.ts')
      return runServe(command.flags)
    }
    case 'init': {
      const {runInit} = await import('./run-init.ts')
      return runInit(command.flags)
    }
  }
}
