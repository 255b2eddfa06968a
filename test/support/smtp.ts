import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { from: string; to: string[]; raw: string }

/** A real SMTP server on loopback that keeps what it receives; on a free port unless given one. */
export async function startSmtpSink(options: { port?: number } = {}) {
  const received: ReceivedMail[] = []
  const waiters: (() => void)[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk) => (raw += chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        })
        for (const w of waiters.splice(0)) w()
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    /** Waits for a message to `address` that matches `pattern` and returns it. */
    async waitFor(address: string, pattern: RegExp = /./, timeoutMs = 15_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = received.find((m) => m.to.includes(address) && pattern.test(decodeMail(m.raw)))
        if (found) return found
        if (Date.now() > deadline)
          throw new Error(`no mail to ${address} matching ${pattern} within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 200)
        })
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The text of a message, decoding quoted-printable and base64 bodies well enough for assertions. */
export function decodeMail(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '')
  const qp = unfolded.replace(/(=[0-9A-F]{2})+/g, (m) =>
    Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'),
  )
  const base64 = [...raw.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{20,})/g)].map((m) =>
    Buffer.from(m[1]!.replace(/\s/g, ''), 'base64').toString('utf8'),
  )
  return [qp, ...base64].join('\n')
}

export const signInCodeIn = (mail: ReceivedMail) => /\b(\d{6})\b/.exec(decodeMail(mail.raw))?.[1]
