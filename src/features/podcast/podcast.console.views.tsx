// The podcast console's form fields, in the groups its long forms show as sections (the pages
// and routes that use them are in podcast.console.tsx).
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import { Field } from '../../platform/views/layout.tsx'

export type Values = {
  c: Context<AppEnv>
  v: (name: string) => string | undefined
  e: (name: string) => string | undefined
}

/** A yes/no field sent as "yes" when ticked (how the inputs read flags). */
function Flag({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field">
      <label for={`field-${name}`}>
        <input type="checkbox" id={`field-${name}`} name={name} value="yes" checked={checked} /> {label}
      </label>
    </div>
  )
}

function Choice(p: { name: string; label: string; value: string; options: Record<string, string> }) {
  return (
    <div class="field">
      <label for={`field-${p.name}`}>{p.label}</label>
      <select id={`field-${p.name}`} name={p.name}>
        {Object.entries(p.options).map(([value, label]) => (
          <option value={value} selected={p.value === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The part of a show's or an episode's address its title gives (its hint says when it no longer changes). */
export function SlugField({ c, v, e, fixed = false }: Values & { fixed?: boolean }) {
  const tp = c.var.t.podcastConsole
  return (
    <Field
      name="slug"
      label={tp.slug}
      hint={fixed ? tp.slugFixedHint : tp.slugHint}
      required
      value={v('slug')}
      error={e('slug')}
    />
  )
}

/** What listeners read about a show (but its title and slug). */
export function ShowAboutFields({ c, v, e }: Values) {
  const tp = c.var.t.podcastConsole
  return (
    <>
      <Field
        name="description"
        label={tp.description}
        multiline
        required
        value={v('description')}
        error={e('description')}
      />
      <Field
        name="language"
        label={tp.language}
        hint={tp.languageHint}
        required
        value={v('language') ?? 'zh-cn'}
        error={e('language')}
      />
      <Field
        name="categories"
        label={tp.categories}
        hint={tp.categoriesHint}
        multiline
        value={v('categories')}
        error={e('categories')}
      />
      <Choice name="type" label={tp.showType} value={v('type') ?? 'episodic'} options={tp.showTypes} />
      <Flag name="explicit" label={tp.explicit} checked={v('explicit') === 'yes'} />
    </>
  )
}

/** Who makes a show and owns its feed. */
export function ShowPeopleFields({ c, v, e }: Values) {
  const tp = c.var.t.podcastConsole
  return (
    <>
      <Field
        name="hosts"
        label={tp.hosts}
        hint={tp.hostsHint}
        multiline
        value={v('hosts')}
        error={e('hosts')}
      />
      <Field name="ownerName" label={tp.ownerName} required value={v('ownerName')} error={e('ownerName')} />
      <Field
        name="ownerEmail"
        label={tp.ownerEmail}
        type="email"
        required
        value={v('ownerEmail')}
        error={e('ownerEmail')}
      />
      <Field name="copyright" label={tp.copyright} value={v('copyright')} error={e('copyright')} />
    </>
  )
}

/** A show's fields (but its slug), for creating it in one short form. */
export function ShowFields(p: Values) {
  return (
    <>
      <ShowAboutFields {...p} />
      <ShowPeopleFields {...p} />
    </>
  )
}

/** What listeners read about an episode, but its title and slug. */
export function EpisodeAboutFields({ c, v, e }: Values) {
  const tp = c.var.t.podcastConsole
  return (
    <>
      <Field
        name="notes"
        label={tp.notes}
        hint={tp.notesHint}
        multiline
        value={v('notes')}
        error={e('notes')}
      />
      <Field
        name="season"
        label={tp.season}
        type="number"
        inputmode="numeric"
        value={v('season')}
        error={e('season')}
      />
      <Field
        name="number"
        label={tp.number}
        type="number"
        inputmode="numeric"
        value={v('number')}
        error={e('number')}
      />
      <Choice name="type" label={tp.episodeType} value={v('type') ?? 'full'} options={tp.episodeTypes} />
      <Flag name="explicit" label={tp.explicit} checked={v('explicit') === 'yes'} />
    </>
  )
}

/** An episode's chapter marks, guests, sponsor and video. */
export function EpisodeMoreFields({ c, v, e }: Values) {
  const tp = c.var.t.podcastConsole
  return (
    <>
      <Field
        name="chapters"
        label={tp.chapters}
        hint={tp.chaptersHint}
        multiline
        value={v('chapters')}
        error={e('chapters')}
      />
      <Field
        name="guests"
        label={tp.guests}
        hint={tp.guestsHint}
        multiline
        value={v('guests')}
        error={e('guests')}
      />
      <Field name="sponsor" label={tp.sponsor} value={v('sponsor')} error={e('sponsor')} />
      <Field name="videoUrl" label={tp.videoUrl} type="url" value={v('videoUrl')} error={e('videoUrl')} />
    </>
  )
}

/** An episode's fields but its title and slug, for creating it in one short form. */
export function EpisodeFields(p: Values) {
  return (
    <>
      <EpisodeAboutFields {...p} />
      <EpisodeMoreFields {...p} />
    </>
  )
}
