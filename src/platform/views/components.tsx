// The design brief's components (shared/DESIGN.md): built once, used by every feature's pages.
// Variants are chosen by props, never by copying markup; every one reads and works without script
// (public/dropzone.js only adds drag and drop and a preview to FileDrop).
import type { Child } from 'hono/jsx'
import { assetUrl } from './assets.ts'

/** One size of a stored picture, as `srcset` lists it. */
export type PictureSource = { url: string; width: number }

/**
 * A picture in several sizes: WebP for browsers that take it, a JPEG fallback for those that do not.
 * `width`/`height` are the size it is shown at, so the page does not move while it loads.
 */
export type Picture = {
  webp: PictureSource[]
  fallback: PictureSource[]
  width: number
  height: number
}

const srcset = (sources: PictureSource[]) => sources.map((s) => `${s.url} ${s.width}w`).join(', ')

/** The smallest fallback at least as wide as the shown size (else the largest there is). */
const fallbackSrc = (p: Picture) =>
  [...p.fallback].sort((a, b) => a.width - b.width).find((s) => s.width >= p.width)?.url ??
  p.fallback.at(-1)?.url ??
  ''

/** A `<picture>` with WebP and fallback `srcset`s; `alt=""` marks a picture that only decorates. */
export function ResponsiveImage({
  picture,
  alt,
  sizes,
  class: cls,
  loading = 'lazy',
}: {
  picture: Picture
  alt: string
  /** Defaults to the shown width: right for avatars and covers of a fixed size. */
  sizes?: string
  class?: string
  loading?: 'lazy' | 'eager'
}) {
  const s = sizes ?? `${picture.width}px`
  return (
    <picture>
      {picture.webp.length ? <source type="image/webp" srcset={srcset(picture.webp)} sizes={s} /> : null}
      <img
        class={cls}
        src={fallbackSrc(picture)}
        srcset={picture.fallback.length > 1 ? srcset(picture.fallback) : undefined}
        sizes={picture.fallback.length > 1 ? s : undefined}
        width={picture.width}
        height={picture.height}
        alt={alt}
        loading={loading}
        decoding="async"
      />
    </picture>
  )
}

/** The row that holds buttons: never touching (8 px apart), wrapping on a phone. */
export function Actions({ children, class: cls }: { children: Child; class?: string }) {
  return <div class={cls ? `actions ${cls}` : 'actions'}>{children}</div>
}

export type CardProps = {
  title: Child
  /** The title links here: the whole card is about one thing. */
  href?: string
  /** `lang` of the title when it is a fallback in the other language. */
  titleLang?: string | undefined
  /** h2 on a list page, h3 inside a section. */
  level?: 2 | 3
  /** One line of facts under the title (city, date, duration, role). */
  meta?: Child
  /** A leading element beside the title: an avatar, a date block. */
  leading?: Child
  /**
   * The card's picture, or (when there is none yet) a decorative placeholder in the same frame, so a
   * grid of cards keeps one shape whether or not each has its picture.
   */
  image?:
    | {
        picture: Picture
        alt: string
        ratio: '1/1' | '16/9' | '4/3'
        /** How wide the picture is shown, for `sizes` (a variant's frame); a grid cell by default. */
        sizes?: string
      }
    | { placeholder: Child; ratio: '1/1' | '16/9' | '4/3' }
    | undefined
  /** The one action of the card (a button or link). */
  action?: Child
  /** Layout variant: person, chapter, episode, event (a class, not a copy of the markup). */
  variant?: 'person' | 'chapter' | 'episode' | 'event' | 'wide'
  children?: Child
}

export function Card(p: CardProps) {
  const Heading = p.level === 2 ? 'h2' : 'h3'
  return (
    <article class={p.variant ? `card card-${p.variant}` : 'card'}>
      {p.image ? (
        // A class per ratio, not a style attribute: the CSP allows no inline styles.
        <div class={`card-media ratio-${p.image.ratio.replace('/', '-')}`}>
          {'picture' in p.image ? (
            <ResponsiveImage
              picture={p.image.picture}
              alt={p.image.alt}
              sizes={p.image.sizes ?? '(max-width: 40rem) 100vw, 20rem'}
            />
          ) : (
            <div class="card-placeholder" aria-hidden="true">
              {p.image.placeholder}
            </div>
          )}
        </div>
      ) : null}
      <div class="card-body">
        {p.leading ? <div class="card-leading">{p.leading}</div> : null}
        <div class="card-text">
          <Heading class="card-title" lang={p.titleLang}>
            {p.href ? <a href={p.href}>{p.title}</a> : p.title}
          </Heading>
          {p.meta ? <p class="card-meta">{p.meta}</p> : null}
          {p.children}
        </div>
      </div>
      {p.action ? <div class="card-action">{p.action}</div> : null}
    </article>
  )
}

export type Trend = { direction: 'up' | 'down' | 'flat'; text: string }

/** A number that matters, what it counts, and (optionally) how it moved and where to see more. */
export function StatTile({
  value,
  label,
  trend,
  href,
}: {
  value: string | number
  label: string
  trend?: Trend | undefined
  href?: string | undefined
}) {
  const arrow = trend ? { up: '↑', down: '↓', flat: '→' }[trend.direction] : ''
  const body = (
    <>
      <span class="stat-value">{value}</span>
      <span class="stat-label">{label}</span>
      {trend ? (
        <span class={`stat-trend trend-${trend.direction}`}>
          <span aria-hidden="true">{arrow}</span> {trend.text}
        </span>
      ) : null}
    </>
  )
  return href ? (
    <a class="stat-tile" href={href}>
      {body}
    </a>
  ) : (
    <div class="stat-tile">{body}</div>
  )
}

export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger'

/** A status pill: its words say the status, the colour only repeats it. */
export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: Tone
  children: Child
  title?: string
}) {
  return (
    <span class={`badge tone-${tone}`} title={title}>
      {children}
    </span>
  )
}

/** Up to two letters from a name: the first letter of its first two words, or its first character (CJK). */
export function initials(name: string) {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  const first = [...words[0]!][0] ?? '?'
  if (/[\u3000-\u9fff\uac00-\ud7af]/.test(first)) return first
  const second = words.length > 1 ? ([...words[1]!][0] ?? '') : ''
  return (first + second).toUpperCase()
}

export type AvatarProps = {
  name: string
  /** A stored picture (uploaded), or a URL someone gave, or nothing (initials). */
  picture?: Picture | undefined
  src?: string | null | undefined
  /** What a reader hears; "" when the name is written next to it. */
  alt: string
  size?: 'small' | 'medium' | 'large'
}

const avatarPixels = { small: 32, medium: 48, large: 96 } as const

export function Avatar({ name, picture, src, alt, size = 'medium' }: AvatarProps) {
  const cls = `avatar avatar-${size}`
  const px = avatarPixels[size]
  if (picture)
    return <ResponsiveImage picture={{ ...picture, width: px, height: px }} alt={alt} class={cls} />
  if (src)
    return <img class={cls} src={src} alt={alt} width={px} height={px} loading="lazy" decoding="async" />
  return alt ? (
    <span class={cls} role="img" aria-label={alt}>
      <span aria-hidden="true">{initials(name)}</span>
    </span>
  ) : (
    <span class={cls} aria-hidden="true">
      {initials(name)}
    </span>
  )
}

/** Faces of a group, overlapping; past `max`, a "+n" that says how many more. */
export function AvatarStack({
  people,
  label,
  max = 5,
  more,
}: {
  people: (Omit<AvatarProps, 'size'> & { href?: string })[]
  /** What the group is ("Leaders of Hangzhou"). */
  label: string
  max?: number
  /** "3 more" in the reader's language. */
  more: (n: number) => string
}) {
  const shown = people.slice(0, max)
  const rest = people.length - shown.length
  return (
    <ul class="avatar-stack" aria-label={label}>
      {shown.map((p) => (
        <li>
          {p.href ? (
            <a href={p.href}>
              <Avatar {...p} size="small" />
            </a>
          ) : (
            <Avatar {...p} size="small" />
          )}
        </li>
      ))}
      {rest > 0 ? (
        <li class="avatar-more">
          <span class="avatar avatar-small">+{rest}</span>
          <span class="visually-hidden">{more(rest)}</span>
        </li>
      ) : null}
    </ul>
  )
}

/** A titled part of a long form: the heading names it, the hint says what it is for. */
export function FormSection({
  id,
  title,
  hint,
  children,
}: {
  id: string
  title: string
  hint?: string
  children: Child
}) {
  return (
    <section class="form-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {hint ? <p class="hint form-section-hint">{hint}</p> : null}
      {children}
    </section>
  )
}

/**
 * The save button of a long form, kept in view at the bottom of the window while the form is
 * (CSS `position: sticky`): a plain submit button, so it works without script.
 */
export function SaveBar({ label, note, children }: { label: string; note?: string; children?: Child }) {
  return (
    <div class="save-bar">
      {note ? <p class="save-bar-note">{note}</p> : null}
      <div class="actions">
        <button type="submit" class="button">
          {label}
        </button>
        {children}
      </div>
    </div>
  )
}

export type FileDropProps = {
  name: string
  label: string
  hint: string
  accept: string
  error?: string | undefined
  /** A form that can do without the file (the field is not required). */
  optional?: boolean
  /** Needed when a page repeats the same field in several forms: ids must be unique. */
  id?: string
  /** What is stored now (a cover, an avatar): shown as the preview until another file is chosen. */
  current?: { src: string; alt: string } | undefined
  /** "or drop a file here": shown only once public/dropzone.js has made dropping work. */
  dropText?: string
  /** Several files at once (the form's route reads them with `receiveUploads`). */
  multiple?: boolean
}

/**
 * A file input with its label, hint, error and a drop zone. Without script it is a plain file
 * input; public/dropzone.js (loaded once per page that has one) takes dropped files and previews
 * a chosen image. The form must be multipart and post to a path ending in /upload.
 */
export function FileDrop(p: FileDropProps) {
  const id = p.id ?? `field-${p.name}`
  const isImage = p.accept.split(',').every((a) => a.trim().startsWith('image/'))
  return (
    <div class={p.error ? 'field file-drop has-error' : 'field file-drop'}>
      <label for={id}>{p.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {p.hint}
      </p>
      <div class="drop-zone" data-drop-zone={isImage ? 'image' : 'file'}>
        {isImage ? (
          <img
            class="drop-preview"
            src={p.current?.src}
            alt={p.current?.alt ?? ''}
            hidden={!p.current}
            width={96}
            height={96}
          />
        ) : null}
        <input
          id={id}
          name={p.name}
          type="file"
          accept={p.accept}
          multiple={p.multiple}
          required={!p.optional}
          aria-describedby={p.error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={p.error ? 'true' : undefined}
        />
        {p.dropText ? (
          <p class="drop-text" hidden>
            {p.dropText}
          </p>
        ) : null}
      </div>
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      {/* A module script runs once however many drop zones the page has. */}
      <script type="module" src={assetUrl('dropzone.js')} />
    </div>
  )
}

export type TimelineEntry = {
  /** ISO date or date-time, for `<time datetime>`. */
  at: string
  /** The date as the reader reads it. */
  when: string
  title: Child
  body?: Child
}

/** Dated entries, newest first or oldest first as given. */
export function Timeline({ entries, label }: { entries: TimelineEntry[]; label?: string }) {
  return (
    <ol class="timeline" aria-label={label}>
      {entries.map((e) => (
        <li>
          <time datetime={e.at}>{e.when}</time>
          <div class="timeline-title">{e.title}</div>
          {e.body ? <div class="timeline-body">{e.body}</div> : null}
        </li>
      ))}
    </ol>
  )
}

/** Sub-pages of one thing as links; the page being read carries `aria-current="page"`. */
export function Tabs({
  label,
  tabs,
}: {
  label: string
  tabs: { href: string; label: string; current: boolean }[]
}) {
  return (
    <nav class="tabs" aria-label={label}>
      <ul>
        {tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** One line of a "needs you" list: what, how many, and where to act. */
export function TodoItem({
  count,
  label,
  href,
  tone = 'accent',
}: {
  count: number
  label: string
  href: string
  tone?: Tone
}) {
  return (
    <li class="todo">
      <a href={href}>
        <span class={`todo-count tone-${tone}`}>{count}</span>
        <span class="todo-label">{label}</span>
      </a>
    </li>
  )
}
