/**
 * Politeness per host: at most `perHost` requests in flight to one host,
 * and their starts at least `delayMs` apart (longer when the host's
 * robots.txt asks for a Crawl-delay). Hosts do not wait for each other.
 */
import {setTimeout as sleep} from 'node:timers/promises'

interface HostState {
  active: number
  /** When the next request to the host may start (performance.now()). */
  nextStart: number
  /** Extra spacing the host asked for. */
  delayMs: number
  readonly waiting: Array<() => void>
}

export class HostGate {
  readonly #perHost: number
  readonly #delayMs: number
  readonly #hosts = new Map<string, HostState>()

  constructor(perHost: number, delayMs: number) {
    if (!Number.isInteger(perHost) || perHost < 1) throw new TypeError(`HostGate: perHost must be a whole number above 0, not ${perHost}`)
    this.#perHost = perHost
    this.#delayMs = delayMs
  }

  /** Run `task` when the host has a free slot and its delay has passed. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.#state(host)
    if (state.active >= this.#perHost) await new Promise<void>((resolve) => state.waiting.push(resolve))
    else state.active++
    try {
      // Claim the next start time before waiting for it, so two requests never share one.
      const now = performance.now()
      const start = Math.max(now, state.nextStart)
      state.nextStart = start + Math.max(this.#delayMs, state.delayMs)
      if (start > now) await sleep(start - now)
      return await task()
    } finally {
      const next = state.waiting.shift()
      // The slot passes straight to the next in line; `active` stays counted.
      if (next) next()
      else state.active--
    }
  }

  /** A longer delay for one host, as its robots.txt Crawl-delay asks. */
  slowDown(host: string, delayMs: number): void {
    const state = this.#state(host)
    state.delayMs = Math.max(state.delayMs, delayMs)
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host)
    if (!state) {
      state = {active: 0, nextStart: 0, delayMs: 0, waiting: []}
      this.#hosts.set(host, state)
    }
    return state
  }
}
