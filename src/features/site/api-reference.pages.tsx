import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import { render } from '../../platform/views/page.tsx'

type Operation = {
  summary?: string
  tags?: string[]
  security?: unknown[]
  parameters?: { name: string; in: string; required?: boolean; schema?: { type?: string } }[]
  requestBody?: { content: Record<string, { schema: unknown }> }
  responses: Record<string, { description: string }>
}
type Document = { info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> }

const schemaName = (schema: unknown) => {
  const ref = (schema as { $ref?: string })?.$ref
  return ref ? ref.split('/').pop() : 'object'
}

/** A readable reference, rendered on the server from the same OpenAPI document the API serves. */
export function apiReferencePages(document: () => Document) {
  const app = new Hono<AppEnv>()
  app.get('/:lang{(?:zh|en)}/api', (c) => {
    const { t } = c.var
    const doc = document()
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    )
    const tags = [...new Set(operations.flatMap((o) => o.op.tags ?? ['API']))]
    return render(
      c,
      { title: t.api.title },
      <>
        <h1>{t.api.title}</h1>
        <p class="lead">{t.api.lead}</p>
        <p>
          <a href="/api/v1/openapi.json">{t.api.document}</a> (OpenAPI 3.1, {doc.info.version})
        </p>
        {tags.map((tag) => (
          <section aria-labelledby={`tag-${tag}`}>
            <h2 id={`tag-${tag}`}>{tag}</h2>
            {operations
              .filter((o) => (o.op.tags ?? ['API']).includes(tag))
              .map(({ path, method, op }) => (
                <article class="card operation">
                  <div>
                    <h3>
                      <span class="method">{method.toUpperCase()}</span> <code>/api/v1{path}</code>
                    </h3>
                    <p>
                      {op.summary}
                      {op.security?.length ? ' 🔒' : ''}
                    </p>
                    {op.parameters?.length ? (
                      <p class="muted">
                        {t.api.parameters}:{' '}
                        {op.parameters
                          .map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''})`)
                          .join('; ')}
                      </p>
                    ) : null}
                    {op.requestBody ? (
                      <p class="muted">
                        {t.api.requestBody}:{' '}
                        <code>{schemaName(Object.values(op.requestBody.content)[0]?.schema)}</code>
                      </p>
                    ) : null}
                    <p class="muted">
                      {t.api.responses}:{' '}
                      {Object.entries(op.responses)
                        .map(([status, r]) => `${status} ${r.description}`)
                        .join('; ')}
                    </p>
                  </div>
                </article>
              ))}
          </section>
        ))}
      </>,
    )
  })
  return app
}
