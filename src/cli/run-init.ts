/**
 * `imprint init [DIR]`: write a new project's files, none over a file that
 * is there. Every file is checked before any is written: a refusal leaves
 * the folder as it was.
 */
import {mkdir, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {slugify} from '../load/load.ts'
import {scaffold} from '../init/scaffold.ts'
import {EXIT, type InitCommandLine} from './options.ts'

export async function runInit(flags: InitCommandLine): Promise<number> {
  const dir = path.resolve(flags.dir)
  const name = slugify(path.basename(dir), 'imprint-project')
  const files = scaffold({title: flags.title, publisher: flags.publisher, lang: flags.lang, name})
  const present = []
  for (const file of files) {
    if (await stat(path.join(dir, file.path)).catch(() => undefined)) present.push(file.path)
  }
  if (present.length > 0) {
    for (const file of present) process.stderr.write(`imprint: ${path.join(flags.dir, file)} exists; not overwritten\n`)
    process.stderr.write('imprint: nothing written: init a new folder, or move those files away\n')
    return EXIT.failed.code
  }
  for (const file of files) {
    const target = path.join(dir, file.path)
    await mkdir(path.dirname(target), {recursive: true})
    // `wx`: a file that appeared since the check is still not overwritten.
    await writeFile(target, file.text, {flag: 'wx'})
    process.stdout.write(`${path.relative(process.cwd(), target) || target}\n`)
  }
  const cd = path.relative(process.cwd(), dir)
  process.stderr.write(`\nNext:\n${cd ? `  cd ${cd}\n` : ''}  npm install && npm run build\n  npm run dev\n`)
  return EXIT.built.code
}
