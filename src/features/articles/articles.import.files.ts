// The operator's side of the import: Markdown files read from folders and files on disk, each
// with the path a re-import will find it by (relative to the folder named, or its own name).
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'
import { type ImportIssue, markdownFile } from './articles.import.rules.ts'
import { type ArticleFile, articleText } from './articles.import.ts'

async function* markdownUnder(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    // Hidden folders (.git, .github) and dependencies hold no posts.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) yield* markdownUnder(full)
    else if (entry.isFile() && markdownFile.test(entry.name)) yield full
  }
}

/**
 * Every Markdown file in the folders and files named, in a stable order. A file named directly is
 * read whatever its extension (the operator chose it); one that cannot be read is reported.
 */
export async function articleFilesFrom(
  targets: string[],
): Promise<{ files: ArticleFile[]; skipped: ImportIssue[]; missing: string[] }> {
  const files: ArticleFile[] = []
  const skipped: ImportIssue[] = []
  const missing: string[] = []
  const add = async (full: string, path: string) => {
    const read = articleText(await readFile(full))
    if ('text' in read) files.push({ path, content: read.text })
    else skipped.push({ file: path, line: null, problem: read.problem })
  }
  for (const target of targets) {
    let info: Awaited<ReturnType<typeof stat>>
    try {
      info = await stat(target)
    } catch {
      missing.push(target)
      continue
    }
    if (info.isDirectory())
      for await (const full of markdownUnder(target))
        await add(full, relative(target, full).split(sep).join('/'))
    else await add(target, basename(target))
  }
  return { files, skipped, missing }
}
