/**
 * How a command-line entry is made: a valibot schema carrying its
 * description and its spelling (see options.ts, where the commands are).
 * Apart from options.ts so a command's entries can live in a file of their
 * own (fetch-options.ts) without an import cycle.
 */
import * as v from 'valibot'

/** How an entry is written on the command line. */
export type Spelling =
  | {
      readonly kind: 'option'
      /** One letter: `o` makes `-o` an alias of `--out`. */
      readonly short?: string
      /** The value's placeholder, `DIR`; an option without one is a switch. */
      readonly value?: string
      /** Given again, it adds to a list instead of replacing. */
      readonly repeatable?: boolean
      /** The default as a person reads it, when it is worked out later than the schema's default. */
      readonly shownDefault?: string
    }
  | {
      /** The words after the command: every one, as a list (`[paths...]`); or, `operand`, at most one (`[dir]`). */
      readonly kind: 'operands' | 'operand'
    }

/** An option: `schema` with what it does and how it is written. */
export function option<const TSchema extends v.GenericSchema>(schema: TSchema, description: string, spelling: Omit<Extract<Spelling, {kind: 'option'}>, 'kind'> = {}) {
  return v.pipe(schema, v.description<v.InferOutput<TSchema>, string>(description), v.metadata<v.InferOutput<TSchema>, Spelling>({kind: 'option', ...spelling}))
}

/** The operands of a command, as one list; or, `single`, the one word it takes. */
export function operands<const TSchema extends v.GenericSchema>(schema: TSchema, description: string, single = false) {
  return v.pipe(
    schema,
    v.description<v.InferOutput<TSchema>, string>(description),
    v.metadata<v.InferOutput<TSchema>, Spelling>({kind: single ? 'operand' : 'operands'})
  )
}

/** A switch is off unless given. */
export const off = v.optional(v.boolean(), false)

/** `--quiet` wins over `--verbose`. */
export function verbosityOf(values: {readonly quiet: boolean; readonly verbose: boolean}) {
  return values.quiet ? ('quiet' as const) : values.verbose ? ('verbose' as const) : ('normal' as const)
}
