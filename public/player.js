// Enhances an episode page's plain <audio> (which works without this script): one play/pause
// button, skipping, a scrubber with the chapters marked on it, speed, keys (Space, ← and →),
// chapter and transcript links that seek instead of reloading, a transcript that follows playback,
// and the place each episode was left at, kept in this browser. Every text comes from the page, in
// the reader's language.
const audio = document.querySelector('audio.player')
const ui = document.querySelector('.player-ui')
if (audio && ui) {
  const $ = (selector) => ui.querySelector(selector)
  const play = $('.player-play')
  const playLabel = $('.player-play-label')
  const scrubber = $('.scrubber-input')
  const current = $('.player-current')
  const total = $('.player-duration')
  const speed = $('select[name="speed"]')
  const chapterLine = $('.player-chapter')
  const statusText = $('.player-status-text')
  const restart = $('.player-restart')
  const marks = [...ui.querySelectorAll('.scrubber-mark')]
  const chapterLinks = [...document.querySelectorAll('.chapters a[data-start]')]
  const cues = [...document.querySelectorAll('.transcript li[data-start]')]

  // The browser's controls give way to ours only now that ours work.
  audio.controls = false
  ui.hidden = false

  const clock = (seconds) => {
    const s = Math.max(0, Math.floor(seconds))
    const h = Math.floor(s / 3600)
    const m = Math.floor((s % 3600) / 60)
    const rest = String(s % 60).padStart(2, '0')
    return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`
  }
  const duration = () =>
    Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : Number(ui.dataset.duration) || 0

  // Where this episode was left: per audio file, in this browser only.
  const key = `hearth:position:${new URL(audio.currentSrc || audio.src, location.href).pathname}`
  const store = {
    get: (k) => {
      try {
        return localStorage.getItem(k)
      } catch {
        return null
      }
    },
    set: (k, v) => {
      try {
        if (v === null) localStorage.removeItem(k)
        else localStorage.setItem(k, v)
      } catch {}
    },
  }

  const showPlaying = () => {
    const playing = !audio.paused
    play.classList.toggle('is-playing', playing)
    playLabel.textContent = playing ? ui.dataset.pause : ui.dataset.play
  }
  const toggle = () => {
    if (audio.paused) audio.play().catch(() => {})
    else audio.pause()
  }
  const seek = (seconds) => {
    audio.currentTime = Math.min(Math.max(0, seconds), duration() || seconds)
    update()
  }

  const update = () => {
    const now = audio.currentTime
    const length = duration()
    current.textContent = clock(now)
    if (length) {
      total.textContent = clock(length)
      scrubber.max = String(Math.floor(length))
    }
    if (document.activeElement !== scrubber) scrubber.value = String(Math.floor(now))
    scrubber.setAttribute('aria-valuetext', `${clock(now)} / ${clock(length)}`)
    let chapter = null
    for (const link of chapterLinks) if (Number(link.dataset.start) <= now) chapter = link
    for (const link of chapterLinks) {
      if (link === chapter) link.setAttribute('aria-current', 'true')
      else link.removeAttribute('aria-current')
    }
    // The chapter's name from the scrubber's marks, which every player has (the embedded one has no list).
    let mark = null
    for (const m of marks) if (Number(m.dataset.start) <= now) mark = m
    if (chapterLine) chapterLine.textContent = mark?.title ?? ''
    let cue = null
    for (const c of cues) if (Number(c.dataset.start) <= now) cue = c
    for (const c of cues) {
      if (c === cue) c.setAttribute('aria-current', 'true')
      else c.removeAttribute('aria-current')
    }
  }

  const placeMarks = () => {
    const length = duration()
    if (!length) return
    for (const mark of marks) mark.style.left = `${(Number(mark.dataset.start) / length) * 100}%`
  }

  play.addEventListener('click', toggle)
  for (const button of ui.querySelectorAll('button[data-skip]'))
    button.addEventListener('click', () => seek(audio.currentTime + Number(button.dataset.skip)))
  scrubber.addEventListener('input', () => seek(Number(scrubber.value)))

  const savedSpeed = store.get('hearth:speed')
  if (savedSpeed && speed.querySelector(`option[value="${savedSpeed}"]`)) {
    speed.value = savedSpeed
    audio.playbackRate = Number(savedSpeed)
  }
  speed.addEventListener('change', () => {
    audio.playbackRate = Number(speed.value)
    store.set('hearth:speed', speed.value)
  })

  // Chapter and transcript links seek in place and keep the address shareable.
  for (const link of document.querySelectorAll('a[data-start]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault()
      seek(Number(link.dataset.start))
      audio.play().catch(() => {})
      const url = new URL(location.href)
      url.searchParams.set('t', String(Math.floor(Number(link.dataset.start))))
      history.replaceState(null, '', url)
    })
  }

  // Space plays or pauses, ← and → skip, wherever the keys would do nothing else.
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
    const target = event.target
    if (target instanceof Element && target.closest('input, select, textarea, button, a, [contenteditable]'))
      return
    if (event.key === ' ') toggle()
    else if (event.key === 'ArrowLeft') seek(audio.currentTime - 15)
    else if (event.key === 'ArrowRight') seek(audio.currentTime + 30)
    else return
    event.preventDefault()
  })

  let savedAt = 0
  audio.addEventListener('timeupdate', () => {
    update()
    if (Math.abs(audio.currentTime - savedAt) >= 5) {
      savedAt = audio.currentTime
      store.set(key, String(Math.floor(audio.currentTime)))
    }
  })
  audio.addEventListener('pause', () => {
    showPlaying()
    store.set(key, String(Math.floor(audio.currentTime)))
  })
  audio.addEventListener('play', showPlaying)
  audio.addEventListener('ended', () => {
    showPlaying()
    store.set(key, null)
  })
  audio.addEventListener('ratechange', () => {
    if (speed.value !== String(audio.playbackRate)) speed.value = String(audio.playbackRate)
  })

  const resume = () => {
    placeMarks()
    // A link to a time (?t= or #t=) wins over where this browser left off.
    const linked = new URL(location.href).searchParams.has('t') || /#t=/.test(audio.src)
    const saved = Number(store.get(key))
    if (!linked && saved > 5 && saved < duration() - 10) {
      audio.currentTime = saved
      statusText.textContent = ui.dataset.resumed.replace('{time}', clock(saved))
      restart.hidden = false
    }
    update()
  }
  restart.addEventListener('click', () => {
    seek(0)
    store.set(key, null)
    statusText.textContent = ''
    restart.hidden = true
  })
  if (audio.readyState >= 1) resume()
  else audio.addEventListener('loadedmetadata', resume, { once: true })
  placeMarks()
  update()
  showPlaying()
}
