import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { people } from '../people/people.schema.ts'
import type { ImportReport } from './articles.import.rules.ts'

/** One uploaded file waiting to be imported: its path in the upload (or zip) and its text. */
export type QueuedArticleFile = { path: string; content: string }

/**
 * An import uploaded in the console, run by a job so a long one does not hold the request: its
 * files wait here (emptied once done), the job writes how far it got, and the page reads it.
 */
export const articleImports = pgTable(
  'article_imports',
  {
    id: id(),
    requestedBy: uuid('requested_by').references(() => people.id),
    /** waiting, running, finished, failed */
    status: text('status').notNull().default('waiting'),
    files: jsonb('files').$type<QueuedArticleFile[]>().notNull().default([]),
    /** Names of what the upload held (a zip's name, or the files'), for the list of recent imports. */
    label: text('label').notNull().default(''),
    /** Where the posts were published: their relative images are read from there. */
    assetBase: text('asset_base'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    report: jsonb('report').$type<ImportReport>(),
    /** Why the whole import stopped (failed), as a message key. */
    failure: text('failure'),
    leasedUntil: at('leased_until'),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
  },
  (t) => [index('article_imports_status_idx').on(t.status, t.createdAt)],
)
