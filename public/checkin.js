// The door (the check-in page): scans tickets with the camera, checks in a typed code without
// leaving the page, and keeps the counts and the "just arrived" list current on every device. Without this script the page
// still works: the code form and the name search post and come back with the result.
//
// Reading QR codes: the browser's BarcodeDetector where it has one that reads QR codes (Chrome on
// Android, Safari 17+), otherwise jsQR (served from our own /assets, loaded only then).
const scanSection = document.querySelector('.door-scan')
const countsSection = document.querySelector('.door-counts[data-counts]')
const codeForm = document.querySelector('.door-code-form')
const resultPanel = document.getElementById('door-result')
const recentList = document.querySelector('.door-recent-live')

/** Shows what a check-in came to in the result panel (its live region announces it). */
function showResult({ tone, text, about }) {
  if (!resultPanel) return
  resultPanel.className = `door-result tone-${tone}`
  resultPanel.hidden = false
  resultPanel.querySelector('.door-result-text').textContent = text
  resultPanel.querySelector('.door-result-about').textContent = about || ''
}

function showCounts({ checkedIn, confirmed, progress }) {
  if (!countsSection) return
  const [inTile, confirmedTile] = countsSection.querySelectorAll('.stat-value')
  if (inTile) inTile.textContent = String(checkedIn)
  if (confirmedTile) confirmedTile.textContent = String(confirmed)
  const bar = countsSection.querySelector('progress')
  if (bar) {
    bar.max = Math.max(1, confirmed)
    bar.value = Math.min(checkedIn, bar.max)
  }
  const text = countsSection.querySelector('.door-progress-text')
  if (text && text.textContent !== progress) text.textContent = progress
}

/**
 * Replaces the "just arrived" list with the one the server rendered (escaped there, as the page
 * is), only when it changed, so a reader's place in it is not disturbed for nothing.
 */
let recentShown = null
function showRecent(html) {
  if (!recentList || typeof html !== 'string' || html === recentShown) return
  recentList.innerHTML = html
  recentShown = html
}

/** The counts and the list, from the database (any app server answers the same). */
async function refresh() {
  if (!countsSection) return
  try {
    const response = await fetch(countsSection.dataset.counts, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    })
    if (!response.ok) return
    const live = await response.json()
    showCounts(live)
    showRecent(live.recent)
  } catch {
    // Offline for a moment: the next round tries again.
  }
}

/** Posts one code (typed or scanned) the way the form would, asking for JSON back. */
async function checkIn(code) {
  if (!codeForm) return null
  const body = new FormData(codeForm)
  body.set('code', code)
  try {
    const response = await fetch(codeForm.action, {
      method: 'POST',
      body: new URLSearchParams(body),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    })
    if (!response.ok) throw new Error(String(response.status))
    const result = await response.json()
    showResult(result)
    showCounts(result)
    if (result.tone === 'success') {
      navigator.vibrate?.(80)
      // The person just checked in heads the list here at once, not at the next round.
      refresh()
    } else navigator.vibrate?.([60, 60, 60])
    return result
  } catch {
    showResult({ tone: 'danger', text: scanSection?.dataset.offline ?? '', about: '' })
    return null
  }
}

// Typing a code: check it in here, clear the field and keep it focused for the next person.
if (codeForm) {
  codeForm.addEventListener('submit', async (event) => {
    event.preventDefault()
    const field = codeForm.querySelector('input[name=code]')
    const button = codeForm.querySelector('button[type=submit]')
    if (!field?.value.trim()) return
    button?.setAttribute('aria-busy', 'true')
    const result = await checkIn(field.value)
    button?.removeAttribute('aria-busy')
    if (result) field.value = ''
    field.focus()
  })
}

// Live counts and arrivals: every few seconds, paused while the page is hidden.
if (countsSection) {
  setInterval(() => {
    if (!document.hidden) refresh()
  }, 4000)
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) refresh()
  })
}

/** A function reading a QR code from the video, or null when this browser cannot. */
async function qrReader(video) {
  if ('BarcodeDetector' in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats()
      if (formats.includes('qr_code')) {
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] })
        return async () => (await detector.detect(video))[0]?.rawValue ?? null
      }
    } catch {
      // Fall through to jsQR.
    }
  }
  if (!window.jsQR) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script')
      script.src = scanSection.dataset.jsqr
      script.addEventListener('load', resolve)
      script.addEventListener('error', reject)
      document.head.append(script)
    })
  }
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  return async () => {
    if (!video.videoWidth) return null
    // A smaller frame reads as well and much faster on a phone.
    const scale = Math.min(1, 640 / video.videoWidth)
    canvas.width = Math.round(video.videoWidth * scale)
    canvas.height = Math.round(video.videoHeight * scale)
    context.drawImage(video, 0, 0, canvas.width, canvas.height)
    const image = context.getImageData(0, 0, canvas.width, canvas.height)
    return (
      window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null
    )
  }
}

if (scanSection && navigator.mediaDevices?.getUserMedia) {
  scanSection.hidden = false
  // The camera is now the page's one primary action; typing the code steps back.
  codeForm?.querySelector('button[type=submit]')?.classList.add('secondary')
  const start = scanSection.querySelector('.door-camera-start')
  const stop = scanSection.querySelector('.door-camera-stop')
  const frame = scanSection.querySelector('.door-camera')
  const video = scanSection.querySelector('video')
  const status = scanSection.querySelector('.door-camera-status')
  let stream = null
  let timer = null
  // The same ticket stays in front of the camera for a moment: read it once, not every frame.
  let last = { value: '', at: 0 }
  let busy = false

  const stopCamera = () => {
    clearInterval(timer)
    timer = null
    for (const track of stream?.getTracks() ?? []) track.stop()
    stream = null
    video.srcObject = null
    frame.hidden = true
    stop.hidden = true
    start.hidden = false
    start.focus()
  }

  start.addEventListener('click', async () => {
    status.textContent = ''
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      })
    } catch (err) {
      status.textContent =
        err?.name === 'NotAllowedError' ? scanSection.dataset.denied : scanSection.dataset.unavailable
      return
    }
    video.srcObject = stream
    frame.hidden = false
    start.hidden = true
    stop.hidden = false
    stop.focus()
    await video.play()
    let read
    try {
      read = await qrReader(video)
    } catch {
      status.textContent = scanSection.dataset.unavailable
      stopCamera()
      return
    }
    timer = setInterval(async () => {
      if (busy) return
      busy = true
      try {
        const value = await read()
        const now = Date.now()
        if (value && (value !== last.value || now - last.at > 4000)) {
          last = { value, at: now }
          await checkIn(value)
        }
      } catch {
        // A frame that could not be read: the next one will do.
      } finally {
        busy = false
      }
    }, 250)
  })
  stop.addEventListener('click', stopCamera)
  // Leaving the page (or hiding it) lets go of the camera.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden && stream) stopCamera()
  })
}
