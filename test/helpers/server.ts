/**
 * Start `imprint serve` or `imprint dev` as a real process on 127.0.0.1
 * with a free port, read the address it prints as its first line, and
 * stop it with a signal as a person would with Ctrl-C. Raw requests go
 * over a socket, so a path reaches the server exactly as written (fetch
 * and http.request would tidy `..` away first).
 */
import {spawn, type ChildProcess} from 'node:child_process'
import net from 'node:net'
import {CLI} from './imprint.ts'

export interface Running {
  readonly url: string
  readonly child: ChildProcess
  /** Everything it wrote to stdout and stderr so far. */
  readonly output: () => {stdout: string; stderr: string}
  /** SIGINT, then wait for the exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export async function startImprint(args: readonly string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; cli?: string} = {}): Promise<Running> {
  const child = spawn(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: options.cwd,
    env: {...process.env, CI: '1', ...options.env},
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const line = /^(http:\/\/\S+)\n/.exec(stdout)
      if (line) resolve(line[1]!)
    }
    child.stdout!.on('data', check)
    void exited.then((code) => reject(new Error(`imprint exited (${code}) before listening:\n${stdout}\n${stderr}`)))
  })
  return {
    url,
    child,
    output: () => ({stdout, stderr}),
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal)
      return exited
    }
  }
}

export interface RawResponse {
  readonly status: number
  readonly headers: string
  readonly body: Buffer
}

/** Send `GET <target>` as written, byte for byte, and read the answer until the server closes. */
export function rawGet(url: string, target: string, extraHeaders: readonly string[] = []): Promise<RawResponse> {
  const {hostname, port} = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(Buffer.from([`GET ${target} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...extraHeaders, '', ''].join('\r\n'), 'latin1'))
    })
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const all = Buffer.concat(chunks)
      const split = all.indexOf('\r\n\r\n')
      const headers = all.subarray(0, split === -1 ? all.length : split).toString('latin1')
      resolve({status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0), headers, body: split === -1 ? Buffer.alloc(0) : all.subarray(split + 4)})
    })
  })
}
