/** Where the templates and styles live: next to src/, whatever runs the code (sources or the CLI bundle). */
import {fileURLToPath} from 'node:url'

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url))
export const STYLES_DIR = fileURLToPath(new URL('../../styles/', import.meta.url))
