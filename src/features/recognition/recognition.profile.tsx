// A person's titles on their page, grouped by year (see ProfileRecognition).
import { registerProfileSource } from '../people/index.ts'
import { ProfileRecognition } from './recognition.pages.tsx'
import { recognitionOf } from './recognition.service.ts'

registerProfileSource({
  key: 'recognition',
  order: 15,
  async section(deps, person, { t, locale }) {
    const rows = await recognitionOf(deps, person.id)
    return rows.length ? <ProfileRecognition rows={rows} t={t} locale={locale} /> : null
  },
})
