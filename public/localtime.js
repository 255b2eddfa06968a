// Beside an event's times (written in the event's zone by the server, which cannot know the
// reader's), the same times on the reader's clocks, when those differ. Without script the page
// still names the zone its times are in.
const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone
// The page's own formats: the server writes zh-CN and en-GB dates.
const lang = document.documentElement.lang === 'zh-Hans' ? 'zh-CN' : 'en-GB'
for (const holder of document.querySelectorAll('.event-when[data-your-time]')) {
  const time = holder.querySelector('time[data-zone]')
  if (!time || !readerZone || time.dataset.zone === readerZone) continue
  const start = new Date(time.getAttribute('datetime'))
  const end = new Date(time.dataset.ends)
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) continue
  const wall = (zone) =>
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: zone }).format(start)
  // Another zone name with the same clocks (Asia/Shanghai and Asia/Hong_Kong) changes nothing.
  if (wall(readerZone) === wall(time.dataset.zone)) continue
  const local = new Intl.DateTimeFormat(lang, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: readerZone,
  }).formatRange(start, end)
  const note = document.createElement('span')
  note.className = 'local-time'
  note.textContent = `${holder.dataset.yourTime}: ${local} (${readerZone})`
  holder.append(note)
}
