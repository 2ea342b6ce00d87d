// The stage worker's entry when imprint runs from its TypeScript sources
// (tests, IMPRINT_NO_BUNDLE): a worker thread starts with no loader, so
// register tsx in it first. The bundled CLI starts its own compiled copy.
import {register} from 'tsx/esm/api'

register()
await import('./worker.ts')
