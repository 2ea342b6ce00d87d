/**
 * The script `imprint dev`'s preview adds to every page it serves, and only
 * there: the files in the output folder never hold it. It listens to the
 * preview's event stream, reloads the page after a rebuild, and shows the
 * build's errors over the page until a build is clean. Plain DOM and
 * `textContent`: a message's text is never parsed as HTML.
 */
export const EVENTS_PATH = '/__imprint/events'
export const CLIENT_PATH = '/__imprint/preview.js'

export const CLIENT_SCRIPT = `// imprint dev: reload after each rebuild, and show the build's errors.
const OVERLAY = 'imprint-dev-overlay'
const events = new EventSource(${JSON.stringify(EVENTS_PATH)})
events.addEventListener('reload', () => location.reload())
events.addEventListener('problems', (event) => show(JSON.parse(event.data)))

function show(problems) {
  document.getElementById(OVERLAY)?.remove()
  if (problems.length === 0) return
  const overlay = document.createElement('section')
  overlay.id = OVERLAY
  overlay.setAttribute('role', 'alert')
  overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;' +
    'background:rgba(24,24,27,.94);color:#fafafa;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap'
  const heading = document.createElement('h2')
  heading.style.cssText = 'margin:0 0 1rem;font:bold 18px sans-serif;color:#fca5a5'
  heading.textContent = problems.length === 1 ? 'imprint: the build has an error' : 'imprint: the build has ' + problems.length + ' errors'
  overlay.append(heading)
  for (const problem of problems) {
    const item = document.createElement('p')
    item.className = 'imprint-dev-problem'
    item.style.cssText = 'margin:0 0 1rem'
    const where = document.createElement('strong')
    where.style.color = '#93c5fd'
    where.textContent = (problem.file ?? 'build') + (problem.line ? ':' + problem.line + ':' + problem.column : '')
    if (problem.file) item.dataset.file = problem.file
    if (problem.line) {
      item.dataset.line = String(problem.line)
      item.dataset.column = String(problem.column)
    }
    item.append(where, '  ' + problem.reason + (problem.rule ? '  ' + problem.rule : ''))
    overlay.append(item)
  }
  const hint = document.createElement('p')
  hint.style.color = '#a1a1aa'
  hint.textContent = 'Fix the file and save: this goes away with the next good build. The page below is the last good one.'
  overlay.append(hint)
  document.body.append(overlay)
}
`
