// The article import's progress page: moves the bar without reloading, and reloads once the import
// is done so the report shows. Without this script the page has a refresh link.
const box = document.querySelector('[data-import-progress]')
if (box) {
  const bar = box.querySelector('progress')
  const count = box.querySelector('[data-import-count]')
  const poll = async () => {
    try {
      const res = await fetch(box.dataset.importProgress, { headers: { accept: 'application/json' } })
      if (res.ok) {
        const p = await res.json()
        if (p.status !== 'waiting' && p.status !== 'running') return location.reload()
        bar.max = Math.max(p.total, 1)
        bar.value = p.done
        // The count's words come from the page: only the numbers change.
        if (count) count.textContent = count.textContent.replace(/\d+(\D+)\d+/, `${p.done}$1${p.total}`)
      }
    } catch {
      // A dropped request: the next poll tries again.
    }
    setTimeout(poll, 1000)
  }
  setTimeout(poll, 1000)
}
