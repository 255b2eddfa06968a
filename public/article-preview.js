// The article editor's live preview: while one types the body, the server renders it (the same
// sanitised HTML the page shows) and it replaces the preview. Without script, the Preview button
// does the same by submitting the form.
;(() => {
  const form = document.querySelector('form[data-article-editor]')
  const panel = document.querySelector('.article-preview[data-preview-url]')
  if (!form || !panel) return
  const body = form.querySelector('textarea[name="body"]')
  const out = panel.querySelector('[data-preview-body]')
  if (!body || !out) return
  let timer = 0
  let asked = 0
  const refresh = async () => {
    const n = ++asked
    const data = new FormData()
    data.set('_csrf', form.querySelector('input[name="_csrf"]').value)
    data.set('body', body.value)
    try {
      const res = await fetch(panel.dataset.previewUrl, {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
      })
      if (!res.ok || n !== asked) return
      // The server's sanitised rendering, as the article page shows it.
      out.innerHTML = await res.text()
      panel.hidden = false
      form.parentElement.classList.add('with-preview')
    } catch {}
  }
  body.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, 400)
  })
})()
