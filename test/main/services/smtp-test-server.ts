/** A real SMTP server in the test process (smtp-server): it keeps every message it accepts. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Addresses refused at RCPT TO with 550. */
  refuse: Set<string>;
  /** Called when a message has been read in full, before the server answers 250. */
  onMessage?: (mail: ReceivedMail) => Promise<void> | void;
  close: () => Promise<void>;
}

export const SMTP_USER = 'club';
export const SMTP_PASSWORD = 'correct horse';

/** `secure`: TLS from the first byte, with smtp-server's own self-signed certificate (which a client must refuse). */
export async function startSmtpServer(options: { secure?: boolean } = {}): Promise<TestSmtpServer> {
  const state: TestSmtpServer = { port: 0, received: [], refuse: new Set(), close: async () => {} };
  const server = new SMTPServer({
    secure: options.secure ?? false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        {return callback(null, { user: SMTP_USER });}
      return callback(
        Object.assign(new Error('Invalid username or password'), { responseCode: 535 }),
      );
    },
    onRcptTo(address, _session, callback) {
      if (state.refuse.has(address.address))
        {return callback(
          Object.assign(new Error(`No mailbox here by that name: ${address.address}`), {
            responseCode: 550,
          }),
        );}
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        };
        state.received.push(mail);
        Promise.resolve(state.onMessage?.(mail)).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  });
  // A client refusing the certificate drops the connection: the server reports it; it is expected here.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
