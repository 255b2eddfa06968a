// The organisers' CSV of registrations (RFC 4180: CRLF, quoted fields), opened as it is by
// spreadsheet programs: a UTF-8 byte order mark so Excel reads Chinese names, and cells that a
// spreadsheet would run as a formula (=, +, -, @, a tab or carriage return first) kept as text.

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: string[], rows: string[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}
