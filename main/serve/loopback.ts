/**
 * The IPC contract over HTTP on 127.0.0.1, for running the UI in a browser when there is no
 * Electron binary. Same dispatch as the Electron transport. Defences: loopback only, random port,
 * a token generated at start and sent in a header (never a cookie, so no CSRF), Host and Origin
 * checked (DNS rebinding gets 403), request size limit, no CORS headers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, isAbsolute } from 'node:path';
import type { Result } from '../../shared/result.js';

export const TOKEN_HEADER = 'x-badgesmith-token';
/** A dropped CSV or image travels base64 in JSON: a little over the contract's own limit. */
export const MAX_REQUEST_BYTES = 70 * 1024 * 1024;

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  'frame-src http://127.0.0.1:*',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export interface LoopbackHandlers {
  call(channel: string, request: unknown): Promise<Result<unknown>>;
  /** Subscribes to every push event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface LoopbackServer {
  /** The UI's address, with the token in the fragment (never sent to the server in a request line). */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  /** The built UI (index.html and its assets). */
  staticDir: string;
  port?: number;
  token?: string;
  logError?: (error: unknown) => void;
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value), 'application/json');
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_REQUEST_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLoopbackServer(
  handlers: LoopbackHandlers,
  options: LoopbackOptions,
): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const root = await realpath(options.staticDir);
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((host) => `http://${host}`);

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(response, 400, 'Bad request\n');
    }
    let file = resolve(root, `.${decoded}`);
    const inside = relative(root, file);
    if (inside.startsWith('..') || isAbsolute(inside)) return send(response, 404, 'Not found\n');
    const info = await stat(file).catch(() => null);
    if (!info || info.isDirectory() || !CONTENT_TYPES[extname(file)]) {
      file = join(root, 'index.html');
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'content-type': type,
      'content-security-policy': APP_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
    });
    createReadStream(file).pipe(response);
  }

  function serveEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'application/x-ndjson',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.write('{"event":"ready"}\n');
    const unsubscribe = handlers.subscribe((event, payload) =>
      response.write(`${JSON.stringify({ event, payload })}\n`),
    );
    const ping = setInterval(() => response.write('{"event":"ping"}\n'), 15_000);
    request.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      return send(response, 403, 'Forbidden host\n');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) {
      return send(response, 403, 'Forbidden origin\n');
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return send(response, 405, 'Method not allowed\n');
      }
      return serveStatic(url.pathname, response);
    }
    if (!sameToken(request.headers[TOKEN_HEADER], token)) {
      return sendJson(response, 401, {
        ok: false,
        error: {
          code: 'ERR_IPC_UNAUTHORISED',
          message:
            'This page is not the one Badgesmith opened. Use the address Badgesmith printed.',
        },
      });
    }
    if (url.pathname === '/api/events' && request.method === 'GET') {
      return serveEvents(request, response);
    }
    const match = /^\/api\/call\/([a-zA-Z.]{1,64})$/.exec(url.pathname);
    if (!match || request.method !== 'POST') {
      return sendJson(response, 404, {
        ok: false,
        error: { code: 'ERR_IPC_UNKNOWN_CHANNEL', message: 'No such channel.' },
      });
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, {
        ok: false,
        error: { code: 'ERR_IPC_BAD_REQUEST', message: 'Requests are JSON.' },
      });
    }
    const body = await readBody(request);
    if (body === null) {
      return sendJson(response, 413, {
        ok: false,
        error: {
          code: 'ERR_IPC_TOO_LARGE',
          message: 'This file is too large to send to Badgesmith (the limit is 48 MB).',
        },
      });
    }
    let parsed: unknown;
    try {
      parsed = body === '' ? {} : JSON.parse(body);
    } catch {
      return sendJson(response, 400, {
        ok: false,
        error: { code: 'ERR_IPC_BAD_REQUEST', message: 'The request is not valid JSON.' },
      });
    }
    sendJson(response, 200, await handlers.call(match[1] as string, parsed));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logError?.(error);
      if (!response.headersSent) {
        sendJson(response, 500, {
          ok: false,
          error: { code: 'ERR_INTERNAL', message: 'Something went wrong inside Badgesmith.' },
        });
      } else response.end();
    });
  });
  server.requestTimeout = 0;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolveListen);
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
