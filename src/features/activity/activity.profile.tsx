// A person's contributions (the heatmap and their totals) as the last section of their page.
import { registerProfileSource } from '../people/index.ts'
import { ProfileActivity } from './activity.pages.tsx'
import { personActivity } from './activity.service.ts'

registerProfileSource({
  key: 'activity',
  order: 30,
  async section(deps, person, { t, locale }) {
    return <ProfileActivity activity={await personActivity(deps, person.id)} t={t} locale={locale} />
  },
})
