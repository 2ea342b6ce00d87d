/**
 * Every pass over a source grows no faster than the source (issue 15):
 * each input made to exhaust a builder, at 1×, 4× and 16× a small size,
 * read, normalized and rendered for the page, the EPUB and the printer in
 * this process (Chromium is not run). Times are CPU times: the least of
 * three runs at 1×, and of two at 4× and 16× when the first is over
 * budget, so a busy machine weighs little; the budget is three times the
 * growth of the input, where a quadratic pass would take 16× and 256×.
 *
 * The limits on blocks and paragraphs are raised here: these are the
 * passes' own costs, whatever the limits let through.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {OPEN_LIMITS as OPEN, stagesFor, timeStages, type Stage} from '../bench/stages.ts'
import {HOSTILE_CASES, prose, type HostileInput} from './helpers/hostile-inputs.ts'

const SLACK = 3

/** Scale of each case's 1× run (its full size is 1): some 10–30 KB of source. */
const BASE: Readonly<Record<string, number>> = {
  normal: 0.02,
  'pasted-one-line': 0.001,
  'pasted-lines': 0.002,
  'pasted-spaces': 0.05,
  'html-paragraphs': 0.002,
  'html-one-paragraph': 0.001,
  'markdown-list': 0.005,
  'markdown-open-emphasis': 0.005,
  'markdown-links': 0.002,
  'opening-quotes': 0.01,
  guillemets: 0.02,
  'straight-quotes': 0.01,
  dots: 0.01,
  'sidecar-keys': 0.002
}

async function cpuOf(input: HostileInput, stages: readonly Stage[], runs: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY
  for (let run = 0; run < runs; run++) {
    const {times, error} = await timeStages(input, OPEN, stages)
    assert.equal(error, undefined, error)
    best = Math.min(best, Object.values(times).reduce((sum, ms) => sum + (ms ?? 0), 0))
  }
  return best
}

async function assertLinear(name: string, make: (times: number) => HostileInput, stages: readonly Stage[]): Promise<void> {
  // A first run loads the modules and warms the compiler, which the 1× run must not pay for.
  await timeStages(make(1), OPEN, stages)
  // A floor of 20 ms for the 1× run, so that timer and scheduler noise cannot make a linear pass look quadratic.
  const base = Math.max(await cpuOf(make(1), stages, 3), 20)
  for (const times of [4, 16]) {
    // One run, and a second only when the first is over budget: a busy machine only ever makes a run slower.
    let grown = await cpuOf(make(times), stages, 1)
    if (grown / base >= times * SLACK) grown = Math.min(grown, await cpuOf(make(times), stages, 1))
    assert.ok(grown / base < times * SLACK, `${name}: ${times}× the input took ${(grown / base).toFixed(1)}× the CPU time (${Math.round(base)} ms at 1×)`)
  }
}

for (const hostile of HOSTILE_CASES) {
  const scale = BASE[hostile.id]
  if (scale === undefined) continue
  const stages = stagesFor(hostile.id)
  test(`${hostile.what}: time linear in size`, async () => {
    await assertLinear(hostile.id, (times) => hostile.make(scale * times), stages)
  })
}

// micromark pairs a paragraph's emphasis in time that grows with the square of the paragraph: the `paragraph` limit bounds it, so over many paragraphs the time is linear.
test('Markdown with emphasis runs, in paragraphs within the limit: time linear in size', async () => {
  const paragraph = Array.from({length: 200}, (_, at) => (at % 2 ? '*a*' : '**b**')).join(' ')
  await assertLinear('emphasis', (times) => ({name: 'emphasis.md', text: '# Emphasis\n\n' + Array(5 * times).fill(paragraph).join('\n\n') + '\n'}), ['load', 'prepare', 'page', 'epub', 'print'])
})

test('Hyphenation of long words, for print: time linear in size', async () => {
  const words = prose(2000).split(' ').map((word, at) => (at % 3 ? word : `${word}internationalization`)).join(' ')
  await assertLinear('hyphenation', (times) => ({name: 'words.md', text: '# Words\n\n' + Array(times).fill(words).join('\n\n') + '\n'}), ['load', 'prepare', 'print'])
})
