/**
 * Start a server on a host and port, and say where it is. A port in use or
 * an address the machine does not have is an Error whose message says what
 * to do, not a stack trace.
 */
import type {Server} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface Listening {
  readonly port: number
  /** The URL for this machine's own browser. */
  readonly url: string
  close(): Promise<void>
}

export async function listen(server: Server, host: string, port: number): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new Error(`port ${port} is in use on ${host}: pass another with --port, or --port 0 for any free one`))
      else if (error.code === 'EADDRNOTAVAIL') reject(new Error(`this machine has no address ${host}: pass one of its own with --host, or --lan`))
      else if (error.code === 'EACCES') reject(new Error(`not allowed to listen on port ${port}: ports below 1024 need privileges; pass --port 4000`))
      else reject(error)
    }
    server.once('error', fail)
    server.listen(port, host, () => {
      server.off('error', fail)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  // Every interface: this machine's own browser goes through the loopback.
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host
  return {
    port: bound,
    url: `http://${shown}:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Kept-alive and downloading connections would hold close() open.
        server.closeAllConnections()
      })
  }
}
