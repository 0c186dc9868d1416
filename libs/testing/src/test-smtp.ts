import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  server: SMTPServer;
  port: number;
  mails: ReceivedMail[];
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  body: string;
}

/** Accepts mail on a free local port, refusing recipients whose address contains "bounce". */
export async function startSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // nodemailer would upgrade to TLS when offered; the test server has no certificate worth trusting.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.includes('bounce')) callback(new Error('mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head, ...rest] = raw.split(/\r?\n\r?\n/);
        // Header lines may be folded onto continuation lines starting with white space.
        const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
        const subject = /^subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
        mails.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          subject: decodeMimeWords(subject),
          body: /content-transfer-encoding: quoted-printable/i.test(unfolded)
            ? decodeQuotedPrintable(rest.join('\n\n'))
            : rest.join('\n\n'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, mails };
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** nodemailer encodes non-ASCII subjects as RFC 2047 words (=?UTF-8?Q?…?= or ?B?). */
function decodeMimeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
