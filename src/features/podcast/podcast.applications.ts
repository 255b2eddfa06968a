// Guests apply to a show through the applications engine (the form of the community's
// podcast_guest.yml: GitHub id, contact, reason, topic); one of the show's hosts decides, and an
// accepted guest is booked for the show.
import { z } from 'zod'
import { textIn } from '../../platform/views/localized.tsx'
import { registerApplicationType } from '../applications/applications.types.ts'
import * as repo from './podcast.repo.ts'
import { guestBookings } from './podcast.schema.ts'

export const PODCAST_GUEST = 'podcast-guest'

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong')

export const podcastGuestForm = z.object({
  // Anyone may be a guest (the form says so): a GitHub account helps the hosts, and is not asked of
  // everyone. Left empty it is '' rather than missing, as the engine keeps every answer as text.
  github: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(v), 'githubLogin')
    .default(''),
  contact: text(200),
  reason: text(4000),
  topic: text(4000),
})
export type PodcastGuestAnswers = z.output<typeof podcastGuestForm>

const showBySlug = async (db: Parameters<typeof repo.selectShowBySlug>[0], slug: string) =>
  (await repo.selectShowBySlug(db, slug))?.id ?? null

registerApplicationType<PodcastGuestAnswers>({
  key: PODCAST_GUEST,
  form: podcastGuestForm,
  fields: [
    { id: 'github', control: 'text', required: false },
    { id: 'contact', control: 'text', required: true, private: true },
    { id: 'reason', control: 'textarea', required: true },
    { id: 'topic', control: 'textarea', required: true },
  ],
  subjectFrom: showBySlug,
  subjectOptions: async (db, locale) =>
    (await repo.selectShows(db)).map((s) => ({ label: textIn(locale, s.titleZh, s.titleEn), name: s.slug })),
  subjectLabel: async (db, application, locale) => {
    const show = application.subjectId ? await repo.selectShowById(db, application.subjectId) : null
    return show ? textIn(locale, show.titleZh, show.titleEn) : null
  },
  summary: (answers) =>
    typeof answers.topic === 'string' ? answers.topic.split('\n')[0]!.slice(0, 60) : null,
  // Open to anyone signed in; the hosts judge the topic.
  eligibility: async () => [],
  deciders: async (db, application) =>
    application.subjectId
      ? (await repo.selectHosts(db, application.subjectId)).map((h) => ({
          personId: h.id,
          groups: ['hosts'],
        }))
      : [],
  quorum: { approve: [{ group: 'hosts', atLeast: 1 }], reject: [{ group: 'hosts', atLeast: 1 }] },
  async onApprove(tx, application, { now }) {
    await tx.insert(guestBookings).values({
      showId: application.subjectId!,
      personId: application.applicantId,
      applicationId: application.id,
      topic: application.answers.topic,
      createdAt: now,
    })
  },
})
