// A "copy" button beside a read-only field (the feed URL): shown only when the clipboard can be
// written; without this script the field can still be selected and copied by hand.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy)
  if (!field || !navigator.clipboard) continue
  button.hidden = false
  const label = button.textContent
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value)
      button.textContent = button.dataset.copied
    } catch {
      field.select()
    }
    setTimeout(() => {
      button.textContent = label
    }, 2000)
  })
}
