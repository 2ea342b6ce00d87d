/**
 * The Node half of a build, in a worker thread: parse a source, write its
 * web page and its EPUB. The main thread keeps Chromium busy meanwhile; on
 * one thread, every EPUB zipped there held up the DevTools replies the
 * printing tabs waited on. The worker answers one task at a time, in the
 * order stage-pool.ts sends them.
 */
import {parentPort} from 'node:worker_threads'
import {VFile} from 'vfile'
import {storedMessages} from './cache.ts'
import {makeEpub, prepare, renderPage} from './prepare.ts'
import type {StageReply, StageTask} from './workers.ts'

if (!parentPort) throw new Error('stage-worker.ts runs as a worker thread')
const port = parentPort

port.on('message', async (task: StageTask) => {
  try {
    port.postMessage(await run(task))
  } catch (error) {
    port.postMessage({id: task.id, error: error instanceof Error ? error.message : String(error)} satisfies StageReply)
  }
})

async function run(task: StageTask): Promise<StageReply> {
  switch (task.kind) {
    case 'prepare': {
      const {source} = task
      const file = new VFile({path: source.path, value: source.text})
      const article = await prepare({...source, file, ok: true}, task.options)
      return {id: task.id, article, messages: storedMessages(file.messages, source.path)}
    }
    case 'page':
      return {id: task.id, text: renderPage(task.article)}
    case 'epub': {
      const bytes = await makeEpub(task.article, new Date(task.date))
      return {id: task.id, bytes}
    }
  }
}
