// The schedule editor's drag and drop (the organisers' Schedule tab). Without this script the
// page still works: each session has its own form (room, day, start, end). Here a session card
// dragged onto the grid fills that same form (the room of the column, the day of the table, the
// row's time; the end keeps the session's length) and sends it; the page that comes back has the
// conflicts checked again by the server and replaces the editor in place, scroll kept.
const SELECTOR = '[data-editor]'

function pad(n) {
  return String(n).padStart(2, '0')
}

/** "09:30" plus minutes, kept within the day (the form refuses an end past midnight). */
function addMinutes(time, minutes) {
  const [h, m] = time.split(':').map(Number)
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 55)
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`
}

function announce(editor, text) {
  const live = editor.querySelector('.editor-notices')
  if (live) live.textContent = text
}

async function send(editor, form) {
  editor.classList.add('is-busy')
  try {
    const res = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { accept: 'text/html' },
      credentials: 'same-origin',
    })
    const html = await res.text()
    const next = new DOMParser().parseFromString(html, 'text/html').querySelector(SELECTOR)
    if (!next) {
      window.location.assign(res.url || window.location.href)
      return
    }
    const y = window.scrollY
    editor.replaceWith(next)
    if (res.url && res.ok) window.history.replaceState(null, '', res.url)
    window.scrollTo(0, y)
    init(next)
  } catch {
    // The network failed: the plain form is still there; send it the ordinary way.
    form.submit()
  }
}

function init(editor) {
  if (!editor || editor.dataset.dragReady) return
  editor.dataset.dragReady = '1'
  editor.classList.add('has-drag')
  for (const card of editor.querySelectorAll('.editor-session[data-session]')) {
    card.setAttribute('draggable', 'true')
    card.addEventListener('dragstart', (e) => {
      e.dataTransfer.setData('text/plain', card.dataset.session)
      e.dataTransfer.effectAllowed = 'move'
      editor.classList.add('is-dragging')
      card.classList.add('is-dragged')
    })
    card.addEventListener('dragend', () => {
      editor.classList.remove('is-dragging')
      card.classList.remove('is-dragged')
      for (const t of editor.querySelectorAll('.is-drop-target')) t.classList.remove('is-drop-target')
    })
  }
  for (const cell of editor.querySelectorAll('.editor-grid td[data-room]')) {
    cell.addEventListener('dragover', (e) => {
      e.preventDefault()
      e.dataTransfer.dropEffect = 'move'
      cell.classList.add('is-drop-target')
    })
    cell.addEventListener('dragleave', () => cell.classList.remove('is-drop-target'))
    cell.addEventListener('drop', (e) => {
      e.preventDefault()
      cell.classList.remove('is-drop-target')
      const id = e.dataTransfer.getData('text/plain')
      const form = editor.querySelector(`form[data-session-form="${CSS.escape(id)}"]`)
      const card = editor.querySelector(`.editor-session[data-session="${CSS.escape(id)}"]`)
      const row = cell.closest('tr[data-start]')
      const day = cell.closest('[data-day]')
      if (!form || !card || !row || !day) return
      const minutes = Number(card.dataset.minutes) || 45
      form.elements.room.value = cell.dataset.room
      form.elements.day.value = day.dataset.day
      form.elements.start.value = row.dataset.start
      form.elements.end.value = addMinutes(row.dataset.start, minutes)
      announce(editor, '…')
      send(editor, form)
    })
  }
}

init(document.querySelector(SELECTOR))
