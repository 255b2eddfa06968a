// Enhances an episode page's plain <audio> (which works without this script): playback speed,
// skipping, chapter and transcript links that seek instead of reloading, and a transcript that
// follows playback. Every text comes from the page, in the reader's language.
const audio = document.querySelector('audio.player')
const tools = document.querySelector('.player-tools')
if (audio && tools) {
  tools.hidden = false
  const speed = tools.querySelector('select[name="speed"]')
  speed?.addEventListener('change', () => {
    audio.playbackRate = Number(speed.value)
  })
  for (const button of tools.querySelectorAll('button[data-skip]')) {
    button.addEventListener('click', () => {
      audio.currentTime = Math.max(0, audio.currentTime + Number(button.dataset.skip))
    })
  }
  const seek = (seconds) => {
    audio.currentTime = seconds
    audio.play().catch(() => {})
    const url = new URL(location.href)
    url.searchParams.set('t', String(Math.floor(seconds)))
    history.replaceState(null, '', url)
  }
  for (const link of document.querySelectorAll('a[data-start]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault()
      seek(Number(link.dataset.start))
    })
  }
  const cues = [...document.querySelectorAll('.transcript li[data-start]')]
  audio.addEventListener('timeupdate', () => {
    const now = audio.currentTime
    let current = null
    for (const cue of cues) if (Number(cue.dataset.start) <= now) current = cue
    for (const cue of cues) {
      if (cue === current) cue.setAttribute('aria-current', 'true')
      else cue.removeAttribute('aria-current')
    }
  })
}
