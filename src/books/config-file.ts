/**
 * Where a build finds its book configuration when `--config` names none:
 * kept apart from the config's parser, so the command line can look for the
 * file without loading YAML.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'

export const CONFIG_NAMES = ['imprint.config.yaml', 'imprint.config.yml', 'imprint.config.json'] as const

/** The config file in `dir`, if there is one. */
export function findBookConfig(dir: string): string | undefined {
  return CONFIG_NAMES.map((name) => path.join(dir, name)).find((candidate) => existsSync(candidate))
}
