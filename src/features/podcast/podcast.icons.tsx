// Icons drawn here rather than fetched: a subscribe button or the player never makes a request to
// another site, and no icon carries text (the platform's name is always written next to it, so
// the icons are decorative and hidden from screen readers).
import type { ListeningPlatform } from './podcast.rules.ts'

const Svg = ({ children, cls }: { children: unknown; cls?: string }) => (
  <svg class={cls ?? 'icon'} viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
    {children}
  </svg>
)

/** A platform's mark: its colour and a simple glyph of our own. */
export function PlatformIcon({ platform }: { platform: ListeningPlatform | 'rss' | null }) {
  switch (platform) {
    case 'apple':
      return (
        <Svg cls="icon platform-icon">
          <rect width="24" height="24" rx="6" fill="#8e3ccb" />
          <circle cx="12" cy="10" r="2.2" fill="#fff" />
          <path d="M10.7 13.6h2.6l-.5 6h-1.6z" fill="#fff" />
          <path
            d="M7.6 14.6a5.6 5.6 0 1 1 8.8 0M5.3 16.4a8.4 8.4 0 1 1 13.4 0"
            fill="none"
            stroke="#fff"
            stroke-width="1.6"
            stroke-linecap="round"
          />
        </Svg>
      )
    case 'spotify':
      return (
        <Svg cls="icon platform-icon">
          <circle cx="12" cy="12" r="12" fill="#1db954" />
          <path
            d="M6 9.2c4-1.3 8.6-1 12 1M6.7 12.6c3.4-1 7.2-.7 10 .9M7.4 15.8c2.8-.7 5.6-.5 7.8.8"
            fill="none"
            stroke="#000"
            stroke-width="1.8"
            stroke-linecap="round"
          />
        </Svg>
      )
    case 'pocketcasts':
      return (
        <Svg cls="icon platform-icon">
          <circle cx="12" cy="12" r="12" fill="#f43e37" />
          <path
            d="M12 4.5a7.5 7.5 0 0 1 7.5 7.5h-2.4A5.1 5.1 0 1 0 12 17.1v2.4A7.5 7.5 0 0 1 12 4.5z"
            fill="#fff"
          />
          <path d="M12 8.6a3.4 3.4 0 0 1 3.4 3.4H14a2 2 0 1 0-2 2v1.4A3.4 3.4 0 0 1 12 8.6z" fill="#fff" />
        </Svg>
      )
    case 'overcast':
      return (
        <Svg cls="icon platform-icon">
          <circle cx="12" cy="12" r="12" fill="#fc7e0f" />
          <circle cx="12" cy="11" r="1.6" fill="#fff" />
          <path d="M12 12.5l-2.6 7h5.2z" fill="#fff" />
          <path
            d="M8.6 14.4a4.6 4.6 0 0 1 0-6.8M15.4 7.6a4.6 4.6 0 0 1 0 6.8M6.4 16.6a7.7 7.7 0 0 1 0-11.2M17.6 5.4a7.7 7.7 0 0 1 0 11.2"
            fill="none"
            stroke="#fff"
            stroke-width="1.5"
            stroke-linecap="round"
          />
        </Svg>
      )
    case 'xiaoyuzhou':
      return (
        <Svg cls="icon platform-icon">
          <rect width="24" height="24" rx="6" fill="#1f2b3d" />
          <circle cx="12" cy="12" r="4.6" fill="#4fc3e8" />
          <ellipse
            cx="12"
            cy="12"
            rx="9"
            ry="3"
            fill="none"
            stroke="#f8d34a"
            stroke-width="1.5"
            transform="rotate(-20 12 12)"
          />
        </Svg>
      )
    case 'ximalaya':
      return (
        <Svg cls="icon platform-icon">
          <rect width="24" height="24" rx="6" fill="#f86442" />
          <path
            d="M6 10v4M9 7v10M12 5v14M15 8v8M18 10.5v3"
            stroke="#fff"
            stroke-width="2"
            stroke-linecap="round"
          />
        </Svg>
      )
    case 'youtube':
      return (
        <Svg cls="icon platform-icon">
          <rect y="4" width="24" height="16" rx="5" fill="#e62117" />
          <path d="M10 8.5v7l6-3.5z" fill="#fff" />
        </Svg>
      )
    case 'rss':
      return (
        <Svg cls="icon platform-icon">
          <rect width="24" height="24" rx="5" fill="#e8710a" />
          <circle cx="7" cy="17" r="2" fill="#fff" />
          <path
            d="M5.5 11a7.5 7.5 0 0 1 7.5 7.5M5.5 6a12.5 12.5 0 0 1 12.5 12.5"
            fill="none"
            stroke="#fff"
            stroke-width="2.2"
            stroke-linecap="round"
          />
        </Svg>
      )
    default:
      return (
        <Svg cls="icon platform-icon">
          <path
            d="M4 15v-3a8 8 0 0 1 16 0v3M4 15a2 2 0 0 1 2-2h1v6H6a2 2 0 0 1-2-2zm16 0a2 2 0 0 0-2-2h-1v6h1a2 2 0 0 0 2-2z"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linejoin="round"
          />
        </Svg>
      )
  }
}

/** The player's own controls. */
export const PlayIcon = () => (
  <Svg cls="icon icon-play">
    <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
  </Svg>
)
export const PauseIcon = () => (
  <Svg cls="icon icon-pause">
    <path d="M7 5h3.5v14H7zM13.5 5H17v14h-3.5z" fill="currentColor" />
  </Svg>
)
/** Back or forward, with the seconds written under the arrow by the button's text, not in the icon. */
export const SkipIcon = ({ back }: { back?: boolean }) => (
  <Svg>
    <path
      d={back ? 'M9 5L4 9l5 4M4.5 9H14a6 6 0 0 1 0 12h-3' : 'M15 5l5 4-5 4M19.5 9H10a6 6 0 0 0 0 12h3'}
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  </Svg>
)
