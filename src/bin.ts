#!/usr/bin/env node
// The `imprint` command, as npm links it: lib/bin.js, compiled from here by
// `npm install` (the prepare script).
import {main} from './cli/main.ts'

process.exitCode = await main(process.argv.slice(2))
