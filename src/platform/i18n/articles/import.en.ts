// Importing Markdown posts (English): the console's upload, its progress and report, and the
// command line's reasons. The shape of import.zh.ts.
import type { ImportProblemCode } from '../../../features/articles/articles.import.rules.ts'

export const articleImportEn = {
  title: 'Import Markdown',
  lead: 'Bring in posts as they are: Hugo or Jekyll front matter, or none with the title as the first heading. A translation that opens with “原文：<link>” keeps it as its original link. Importing the same files again updates them; nothing is duplicated.',
  back: 'Articles',
  files: 'Markdown files or a zip',
  filesHint: (mb: number) =>
    `Several .md files, or one .zip of a folder, up to ${mb} MB. Images stay at the addresses the posts give.`,
  dropText: 'or drop them here',
  assetBase: 'Where the posts were published (optional)',
  assetBaseHint:
    'The old site’s address, such as https://blog.example.org/. Images and covers given by a relative path (img/photo.png) are then shown from there.',
  start: 'Import',
  recent: 'Recent imports',
  none: 'Nothing has been imported yet.',
  statuses: { waiting: 'Waiting', running: 'Importing', finished: 'Done', failed: 'Stopped' } as Record<
    string,
    string
  >,
  counted: (done: number, total: number) => `${done} of ${total} ${total === 1 ? 'file' : 'files'}`,
  progressTitle: 'Importing articles',
  reportTitle: 'Import report',
  lineNo: (n: number) => `line ${n}`,
  progressLabel: 'Progress',
  refresh: 'Refresh to see how far it got',
  imported: 'Imported',
  updated: 'Updated',
  unchanged: 'Already up to date',
  skipped: 'Skipped',
  skippedHint: 'These files were not imported. Fix them at the line given and import them again.',
  warnings: 'Imported, with something left out',
  more: 'Import more',
  problems: {
    frontMatterUnclosed: 'The front matter opened with --- is never closed with ---',
    frontMatterBroken: 'The front matter is not valid YAML',
    frontMatterNotMap: 'The front matter is not a list of fields (name: value)',
    titleMissing: 'No title: neither a title field nor a first # heading',
    dateUnknown: 'The date is not in a known form (2025-07-08, 2025-07-08 10:00 or 2025/7/8)',
    dateMissing: 'No date: published with the date of the import',
    languageUnknown: 'The language is neither Chinese nor English: detected from the text',
    coverNotUrl: 'The cover is not a web address (https://…): left out',
    originalNotUrl: 'The original link is not a web address (https://…): left out',
    notMarkdown: 'Not a Markdown file',
    fileTooLarge: 'The file is too large for an article (over 2 MB)',
    notUtf8: 'The file is not UTF-8 text: save it as UTF-8 and import it again',
    pathTwice:
      'Another file of this import has the same name: import them from a zip that keeps their folders',
  } satisfies Record<ImportProblemCode, string>,
  errors: {
    noFiles: 'Choose Markdown files (.md) or a zip of them.',
    tooLarge: (mb: number) =>
      `The upload is larger than ${mb} MB. Import a large folder with “hearth articles import” on the server.`,
    tooMany: (n: number) => `At most ${n} files at once: put them in a zip, or use “hearth articles import”.`,
    zipTooManyEntries: 'The zip holds too many entries.',
    zipTooLarge: 'The zip unpacks to more than an import may hold.',
    zipPathRefused: (entry: string) => `The zip was refused: “${entry}” points outside its folder.`,
    zipBroken: 'The zip could not be read.',
    noMarkdownInZip: 'The zip holds no Markdown files (.md).',
  },
  failures: {
    importFailed:
      'The import stopped on an error. What was imported before it stays; import the files again to finish.',
  } as Record<string, string>,
}
