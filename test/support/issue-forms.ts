import type { GithubIssueForm } from '../../src/features/applications/applications.issue-form.ts'

/**
 * The issue body GitHub writes when someone submits an issue form: a `### label` section per
 * field in order, the answer or `_No response_`, and for checkboxes one `- [X]`/`- [ ]` line per
 * option (`typed[id]` non-empty ticks them all).
 */
export function renderIssueBody(form: GithubIssueForm, typed: Record<string, string>): string {
  return form.body
    .flatMap((b) => {
      if (b.type === 'markdown') return []
      const answer =
        b.type === 'checkboxes'
          ? b.attributes.options.map((o) => `- [${typed[b.id] ? 'X' : ' '}] ${o.label}`).join('\n')
          : typed[b.id] || '_No response_'
      return [`### ${b.attributes.label}\n\n${answer}`]
    })
    .join('\n\n')
}
