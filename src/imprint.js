#!/usr/bin/env node
// The `imprint` command. The sources are TypeScript, run through tsx's
// loader, so there is no compile step between an edit and a build.
import {register} from 'tsx/esm/api'

register()
const {main} = await import('./cli.ts')
process.exitCode = await main(process.argv.slice(2))
