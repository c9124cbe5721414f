/**
 * The loopback transport's defences, on a real server over real sockets: the token, Host and
 * Origin checks (DNS rebinding), loopback-only listening, the size limit, the CSP, and no CORS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_CSP,
  MAX_REQUEST_BYTES,
  startLoopbackServer,
  TOKEN_HEADER,
  type LoopbackServer,
} from '../../../main/serve/loopback.js';
import { createAppFixture, type AppFixture } from '../ipc/app-fixture.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let fixture: AppFixture;
let server: LoopbackServer;
let staticDir: string;

function send(
  method: string,
  path: string,
  headers: Record<string, string | number> = {},
  body?: string | Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        agent: false,
        headers: { host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const call = (channel: string, request: unknown, headers: Record<string, string> = {}) =>
  send(
    'POST',
    `/api/call/${channel}`,
    { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
    JSON.stringify(request),
  );

beforeAll(async () => {
  fixture = createAppFixture();
  staticDir = mkdtempSync(join(tmpdir(), 'bs-loopback-ui-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Badgesmith</title>');
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  server = await startLoopbackServer(
    { call: fixture.core.call, subscribe: fixture.core.events.subscribe },
    { staticDir },
  );
});

afterAll(async () => {
  await server.close();
  fixture.cleanup();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('the loopback transport', () => {
  it('listens on 127.0.0.1 only, on a random port, with a long random token', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(1023);
    expect(server.token).toMatch(/^[\w-]{43}$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
  });

  it('answers on 127.0.0.1 but not on the machine’s other addresses', async () => {
    const { networkInterfaces } = await import('node:os');
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      await expect(
        new Promise((resolve, reject) => {
          const req = httpRequest(
            { host: address, port: server.port, path: '/', timeout: 2000 },
            resolve,
          );
          req.on('error', reject);
          req.on('timeout', () => req.destroy(new Error('timeout')));
          req.end();
        }),
      ).rejects.toThrow();
    }
    expect((await send('GET', '/')).status).toBe(200);
  });

  it('a good call with the token reaches the real handler', async () => {
    const reply = await call('app.state', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: true,
      value: { transport: 'loopback', workspace: null },
    });
  });

  it.each([
    ['missing', {}],
    ['wrong', { [TOKEN_HEADER]: 'x'.repeat(43) }],
    ['short', { [TOKEN_HEADER]: 'abc' }],
  ])('a %s token gets 401 and reaches no handler', async (_name, headers) => {
    const reply = await send(
      'POST',
      '/api/call/app.setLanguage',
      { 'content-type': 'application/json', ...headers },
      '{"language":"fr"}',
    );
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).error.code).toBe('ERR_IPC_UNAUTHORISED');
    const events = await send('GET', '/api/events', headers);
    expect(events.status).toBe(401);
    expect(fixture.core.session.env.prefs.get().language).toBe('en');
  });

  it('the token never travels in a cookie or the query string', async () => {
    const reply = await send(
      'POST',
      `/api/call/app.state?token=${server.token}`,
      { 'content-type': 'application/json', cookie: `${TOKEN_HEADER}=${server.token}` },
      '{}',
    );
    expect(reply.status).toBe(401);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it.each([`evil.example:PORT`, 'evil.example', '127.0.0.1', '127.0.0.1:1', '0.0.0.0:PORT'])(
    'a foreign Host (%s: DNS rebinding) gets 403, even with the token',
    async (host) => {
      const value = host.replace('PORT', '') + (host.endsWith('PORT') ? String(server.port) : '');
      const api = await call('app.state', {}, { host: value });
      expect(api.status).toBe(403);
      expect((await send('GET', '/', { host: value })).status).toBe(403);
    },
  );

  it.each([
    'http://evil.example',
    `http://evil.example:PORT`,
    'null',
    'https://127.0.0.1:PORT',
    'http://127.0.0.1',
  ])('a foreign Origin (%s) gets 403, even with the token', async (origin) => {
    const reply = await call(
      'app.state',
      {},
      { origin: origin.replace('PORT', String(server.port)) },
    );
    expect(reply.status).toBe(403);
  });

  it('its own Origin (127.0.0.1 or localhost) is accepted', async () => {
    expect((await call('app.state', {}, { origin: server.origin })).status).toBe(200);
    expect(
      (
        await call(
          'app.state',
          {},
          { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` },
        )
      ).status,
    ).toBe(200);
  });

  it('refuses a body over the limit with 413, whether declared or streamed', async () => {
    const declared = await send('POST', '/api/call/app.state', {
      'content-type': 'application/json',
      [TOKEN_HEADER]: server.token,
      'content-length': MAX_REQUEST_BYTES + 1,
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('ERR_IPC_TOO_LARGE');

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          agent: false,
          method: 'POST',
          path: '/api/call/app.state',
          headers: {
            host: `127.0.0.1:${server.port}`,
            'content-type': 'application/json',
            [TOKEN_HEADER]: server.token,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_REQUEST_BYTES && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
      };
      pump();
    });
    expect(streamed).toBe(413);
  });

  it('serves the UI with the strict CSP and no-sniff, and sends no CORS header on any answer', async () => {
    const page = await send('GET', '/');
    expect(page.headers['content-security-policy']).toBe(APP_CSP);
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await send('GET', '/app.js');
    expect(script.headers['content-security-policy']).toBe(APP_CSP);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    const replies = [
      page,
      script,
      await call('app.state', {}),
      await call('app.state', {}, { origin: 'http://evil.example' }),
      await send('OPTIONS', '/api/call/app.state', {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
      }),
      await send('POST', '/api/call/app.state', {}, '{}'),
    ];
    for (const reply of replies) {
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('does not serve files outside the UI folder', async () => {
    const reply = await send('GET', '/..%2f..%2fetc%2fpasswd');
    expect(reply.body).not.toContain('root:');
  });
});
