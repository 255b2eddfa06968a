// c3voc's schedule schemas, read from ../shared/c3voc-schedule (kept beside the project as test
// fixtures under their own licence, not copied into it): xmllint checks a schedule.xml against the
// XSD, ajv a schedule.json against the JSON schema (draft-06). Elsewhere than CI a missing folder
// or a missing xmllint (Debian: libxml2-utils) is a loud skip; in CI it is a failure.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' }
import addFormatsModule from 'ajv-formats'

const FOLDER = fileURLToPath(new URL('../../../shared/c3voc-schedule/', import.meta.url))
const XSD = `${FOLDER}schedule.xml.xsd`
const JSON_SCHEMA = `${FOLDER}schema.json`

// ajv-formats is CommonJS: its default export is the plugin itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

export type Validators = {
  /** xmllint's complaints about the document; none when it is valid. */
  xml(document: string): string[]
  /** ajv's complaints about the document (`path: message`); none when it is valid. */
  json(document: string): string[]
}

/** The validators, or null (after a loud line) where they cannot run outside CI. */
export function c3vocValidators(what: string): Validators | null {
  const missing =
    !existsSync(XSD) || !existsSync(JSON_SCHEMA)
      ? `${FOLDER} (c3voc's schedule schemas) is missing`
      : spawnSync('xmllint', ['--version']).error
        ? 'xmllint is not installed (Debian package libxml2-utils)'
        : undefined
  if (missing) {
    if (process.env.CI) throw new Error(`CI needs ${missing} for ${what}`)
    process.stderr.write(`\n!!! ${missing}: ${what} is SKIPPED !!!\n\n`)
    return null
  }
  // The schema uses keywords of its own ($oneOf, $todo) and a `color` format: not strict.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false })
  ajv.addMetaSchema(draft6)
  addFormats(ajv)
  const validate = ajv.compile(JSON.parse(readFileSync(JSON_SCHEMA, 'utf8')))
  return {
    xml(document) {
      const run = spawnSync('xmllint', ['--noout', '--schema', XSD, '-'], {
        input: document,
        encoding: 'utf8',
      })
      return run.status === 0 ? [] : run.stderr.split('\n').filter((l) => l && !l.endsWith(' validates'))
    },
    json(document) {
      if (validate(JSON.parse(document))) return []
      return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`)
    },
  }
}
