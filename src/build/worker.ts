/**
 * A worker thread of the build (workers.ts): prepare a source, make its web
 * page and its EPUB. The main thread keeps Chromium busy meanwhile; on one
 * thread, every EPUB zipped there held up the DevTools replies the printing
 * tabs waited on. The worker answers one task at a time, in the order
 * workers.ts sends them.
 */
import {parentPort} from 'node:worker_threads'
import {VFile} from 'vfile'
import {makeArticleEpub} from '../formats/epub/article-epub.ts'
import {makePage} from '../formats/html/page.ts'
import {storedMessages} from './cache.ts'
import {prepareArticle} from './prepare-article.ts'
import type {TaskReply, Task} from './workers.ts'

if (!parentPort) throw new Error('worker.ts runs as a worker thread')
const port = parentPort

port.on('message', async (task: Task) => {
  try {
    port.postMessage(await run(task))
  } catch (error) {
    port.postMessage({id: task.id, error: error instanceof Error ? error.message : String(error)} satisfies TaskReply)
  }
})
// Loaded: the pool sends work from now on, so a task's deadline does not count the thread's start.
port.postMessage({ready: true} satisfies TaskReply)

async function run(task: Task): Promise<TaskReply> {
  switch (task.kind) {
    case 'prepare': {
      const {source} = task
      const file = new VFile({path: source.path, value: source.text})
      const article = await prepareArticle({...source, file, ok: true}, task.options)
      return {id: task.id, article, messages: storedMessages(file.messages, source.path)}
    }
    case 'page':
      return {id: task.id, text: await makePage(task.article, task.screen)}
    case 'epub': {
      const bytes = await makeArticleEpub(task.article, new Date(task.date), task.screen, task.cover)
      return {id: task.id, bytes}
    }
  }
}
