// The player's controls, shared by the episode page and the embedded player: rendered hidden, in
// the reader's language, and shown by public/player.js in place of the browser's own (which are all
// there is without it).
import type { Messages } from '../../platform/i18n/index.ts'
import { PauseIcon, PlayIcon, SkipIcon } from './podcast.icons.tsx'
import { clock } from './podcast.rules.ts'

export function PlayerControls({
  tp,
  durationSeconds,
  start,
  chapters,
  language,
}: {
  tp: Messages['podcast']
  durationSeconds: number
  /** Where a link to a time starts playing (`?t=`), in seconds. */
  start: number | null
  /** Marked on the scrubber, and named under it while they play. */
  chapters: { startTime: number; title: string }[]
  /** The episode's language: the chapter names are in it. */
  language: string
}) {
  return (
    <div
      class="player-ui"
      hidden
      data-play={tp.play}
      data-pause={tp.pause}
      data-resumed={tp.resumed}
      data-duration={String(durationSeconds)}
    >
      <div class="player-row">
        <button type="button" class="player-play" data-action="play">
          <PlayIcon />
          <PauseIcon />
          <span class="visually-hidden player-play-label">{tp.play}</span>
        </button>
        <button type="button" class="player-skip" data-skip="-15">
          <SkipIcon back />
          <span class="skip-seconds" aria-hidden="true">
            15
          </span>
          <span class="visually-hidden">{tp.back15}</span>
        </button>
        <button type="button" class="player-skip" data-skip="30">
          <SkipIcon />
          <span class="skip-seconds" aria-hidden="true">
            30
          </span>
          <span class="visually-hidden">{tp.forward30}</span>
        </button>
        <span class="player-time">
          <span class="player-current">{clock(start ?? 0)}</span>
          <span aria-hidden="true"> / </span>
          <span class="visually-hidden">/</span>
          <span class="player-duration">{clock(durationSeconds)}</span>
        </span>
        <span class="player-speed">
          <label for="speed">{tp.speed}</label>
          <select id="speed" name="speed">
            {['0.75', '1', '1.25', '1.5', '1.75', '2'].map((v) => (
              <option value={v} selected={v === '1'}>
                {v}×
              </option>
            ))}
          </select>
        </span>
      </div>
      <div class="scrubber">
        <input
          type="range"
          class="scrubber-input"
          aria-label={tp.position}
          min="0"
          max={String(durationSeconds)}
          step="1"
          value={String(start ?? 0)}
        />
        {chapters.length ? (
          <div class="scrubber-marks" aria-hidden="true">
            {chapters.map((ch) => (
              <span class="scrubber-mark" data-start={String(ch.startTime)} title={ch.title} />
            ))}
          </div>
        ) : null}
      </div>
      {chapters.length ? <p class="player-chapter" lang={language} /> : null}
      <p class="player-status" role="status">
        <span class="player-status-text" />{' '}
        <button type="button" class="link-button player-restart" hidden>
          {tp.startOver}
        </button>
      </p>
      <p class="hint player-keys">{tp.keys}</p>
    </div>
  )
}
