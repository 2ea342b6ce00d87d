/**
 * One case of bench/hostile.ts in a process of its own, so its peak memory
 * is its own: `node --import tsx bench/hostile-case.ts ID SCALE` prints
 * the source's size and the CPU milliseconds of each pass as JSON.
 */
import {HOSTILE_CASES} from '../test/helpers/hostile-inputs.ts'
import {OPEN_LIMITS, stagesFor, timeStages} from './stages.ts'

const [id, scale] = process.argv.slice(2)
const hostile = HOSTILE_CASES.find((candidate) => candidate.id === id)
if (!hostile) throw new TypeError(`no case ${id}`)
const input = hostile.make(Number(scale))
const {times, error} = await timeStages(input, OPEN_LIMITS, stagesFor(hostile.id))
process.stdout.write(JSON.stringify({bytes: Buffer.byteLength(input.text) + Buffer.byteLength(input.sidecar ?? ''), times, error}) + '\n')
