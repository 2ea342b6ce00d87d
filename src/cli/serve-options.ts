/**
 * `imprint serve`'s and `imprint init`'s entries, and where a server
 * listens (`dev` shares it). options.ts puts them among the commands.
 */
import * as v from 'valibot'
import {off, operands, option} from './entry.ts'

/** A TCP port: 0 lets the system pick a free one. */
const port = v.pipe(
  v.string(),
  v.check(
    (text) => /^\d{1,5}$/.test(text) && Number(text) <= 65535,
    (issue) => `--port takes a number from 0 to 65535, not \`${String(issue.input)}\``
  ),
  v.transform(Number)
)

/** Where `dev` and `serve` listen: written once, for both. */
export const LISTEN = {
  port: option(v.optional(port, '4000'), 'port to listen on; 0 picks a free one', {short: 'p', value: 'N'}),
  host: option(v.optional(v.string(), '127.0.0.1'), 'address to listen on: 0.0.0.0 serves the local network (phones, e-readers)', {value: 'HOST'}),
  lan: option(off, 'serve the local network, as --host 0.0.0.0: print each LAN address with a QR code, and show the QR code on the site')
}

/** Where `dev` and `serve` listen: `--lan` is `--host 0.0.0.0`. */
export function toListen(values: {readonly port: number; readonly host: string; readonly lan: boolean}) {
  return {port: values.port, host: values.lan ? '0.0.0.0' : values.host}
}

/** `imprint serve`: a folder, where to listen, and how much to say. */
export const SERVE_ENTRIES = {
  dir: operands(v.optional(v.string(), 'dist'), 'the folder to serve', true),
  port: LISTEN.port,
  host: LISTEN.host,
  lan: LISTEN.lan,
  verbose: option(off, 'print one line per request: time, address, method, path, status, bytes, milliseconds')
}

export function toServeFlags(values: v.InferOutput<v.ObjectSchema<typeof SERVE_ENTRIES, undefined>>) {
  return {dir: values.dir, listen: toListen(values), verbose: values.verbose}
}

/** `imprint init`: where, and the words the example and the config start with. */
export const INIT_ENTRIES = {
  dir: operands(v.optional(v.string(), '.'), 'the folder to make the project in (made if missing)', true),
  title: option(v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('--title takes a title')), 'My Reader'), "the book's title in the config", {
    value: 'TEXT'
  }),
  publisher: option(v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('--publisher takes a name')), 'Example Press'), 'the publisher of the examples and the book', {
    value: 'NAME'
  }),
  lang: option(
    v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, (issue) => `--lang takes a language tag such as en or pt-BR, not \`${String(issue.input)}\``)), 'en'),
    'the language of the examples and the book',
    {value: 'TAG'}
  )
}
