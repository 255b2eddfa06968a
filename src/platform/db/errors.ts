/** Postgres unique_violation (23505), as raised by both pg and PGlite, possibly wrapped by Drizzle. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (
    let cur = e as { code?: string; constraint?: string; cause?: unknown } | undefined;
    cur;
    cur = cur.cause as never
  ) {
    if (cur.code === '23505')
      return (
        !constraint || cur.constraint === constraint || String((cur as Error).message).includes(constraint)
      )
  }
  return false
}
