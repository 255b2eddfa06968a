// Drop zones for file inputs (FileDrop in components.tsx). Without this script the input is a plain
// file chooser and the form posts as it is; with it, a file can be dropped on the zone and a chosen
// picture is shown before it is sent. The preview is a data: URL, which the page's CSP allows.
for (const zone of document.querySelectorAll('[data-drop-zone]')) {
  const input = zone.querySelector('input[type=file]')
  if (!input) continue
  const text = zone.querySelector('.drop-text')
  if (text) text.hidden = false
  zone.classList.add('is-enhanced')
  const preview = zone.querySelector('.drop-preview')
  const show = () => {
    const file = input.files?.[0]
    if (!preview || !file?.type.startsWith('image/')) return
    const reader = new FileReader()
    reader.addEventListener('load', () => {
      preview.src = String(reader.result)
      preview.alt = file.name
      preview.hidden = false
    })
    reader.readAsDataURL(file)
  }
  input.addEventListener('change', show)
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault()
      zone.classList.add('is-over')
    })
  }
  for (const type of ['dragleave', 'dragend'])
    zone.addEventListener(type, () => zone.classList.remove('is-over'))
  zone.addEventListener('drop', (event) => {
    event.preventDefault()
    zone.classList.remove('is-over')
    const files = event.dataTransfer?.files
    if (!files || files.length === 0) return
    input.files = files
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
}
