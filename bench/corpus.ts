/**
 * A benchmark corpus: N articles made from the seed with small variations,
 * so every article parses the same way but no two outputs are alike (a
 * cache or a deduplicating printer must not get a free ride).
 */
import {readFileSync} from 'node:fs'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

const SEED = new URL('../content/putin-abe-peace-treaty.txt', import.meta.url)
const HEADLINE = 'Putin, Abe Vow To Seek WWII Treaty, Solution To Island Dispute'
const CREDITS = 'With reporting by AFP, AP, and Interfax'
const PLACES = ['Moscow', 'Tokyo', 'Vladivostok', 'Sapporo', 'Osaka', 'Kazan', 'Nagoya', 'Irkutsk']

/** Write `article-0001.txt` … with sidecars into `dir`; returns the source paths. */
export async function generateCorpus(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, {recursive: true})
  const seed = readFileSync(SEED, 'utf8')
  const files: string[] = []
  for (let index = 0; index < count; index++) {
    const name = `article-${String(index + 1).padStart(4, '0')}`
    const file = path.join(dir, `${name}.txt`)
    await writeFile(file, varyArticle(seed, index))
    const day = String((index % 28) + 1).padStart(2, '0')
    await writeFile(path.join(dir, `${name}.meta.yaml`), `publisher: RFE/RL\ndate: 2018-05-${day}\nlang: en\n`)
    files.push(file)
  }
  return files
}

/**
 * The seed with a numbered headline, the meeting moved to another city and
 * two body paragraphs swapped: the same shape, different words and lengths.
 */
export function varyArticle(seed: string, index: number): string {
  const place = PLACES[index % PLACES.length]!
  const text = seed.replace(HEADLINE, `${HEADLINE} (${index + 1})`).replace(/in Moscow on May 26/, `in ${place} on May 26`)
  const blocks = text.split('\n\n')
  const first = blocks.findIndex((block) => block.startsWith('Russian President Vladimir Putin and'))
  const last = blocks.findIndex((block) => block.startsWith(CREDITS))
  if (first === -1 || last === -1) throw new Error('the seed changed: cannot find its body to vary')
  const body = last - first - 1
  const a = first + 1 + (index % body)
  const b = first + 1 + ((index * 7 + 3) % body)
  ;[blocks[a], blocks[b]] = [blocks[b]!, blocks[a]!]
  return blocks.join('\n\n')
}

/** Change one article's words the way an editor would: one sentence added. */
export async function touchArticle(file: string, round: number): Promise<void> {
  const text = await readFile(file, 'utf8')
  const marker = 'Because of the dispute, a formal WWII peace treaty has yet to be signed between the two sides.'
  if (!text.includes(marker)) throw new Error(`cannot find the sentence to edit in ${file}`)
  await writeFile(file, text.replace(marker, `${marker} Talks resumed in round ${round + 1}.`))
}
