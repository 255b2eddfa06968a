import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from '../db/columns.ts'

/**
 * A stored file (an episode's audio, cover art, a transcript). The bytes live on disk under
 * `DATA_DIR/media/`, named by the row's id, and never change: a replaced file is a new row with a
 * new URL, so every URL can be cached forever.
 */
export const mediaFiles = pgTable('media_files', {
  id: id(),
  /** audio, image, transcript */
  kind: text('kind').notNull(),
  contentType: text('content_type').notNull(),
  /** The name the file is served under (the upload's, cleaned). */
  filename: text('filename').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  /** Audio: length in seconds and average bitrate in bits per second. */
  durationSeconds: integer('duration_seconds'),
  bitrate: integer('bitrate'),
  /** Images: pixels. */
  width: integer('width'),
  height: integer('height'),
  createdAt: createdAt(),
})
