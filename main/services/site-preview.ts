import { SVG_CSP } from '../../shared/bake/sanitize.js';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { readSiteManifest } from './site-writer.js';

/** What static hosts send for the file types a site contains; anything else is a download. */
export const SITE_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.jws': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface SitePreview {
  /** Where the site's home page is served, e.g. http://127.0.0.1:8080/randonneurs/ */
  url: string;
  /** The public site URL the tree was built for. */
  siteUrl: string;
  close(): Promise<void>;
}

export interface SitePreviewOptions {
  port?: number;
}

/**
 * Serves an exported site on the loopback interface under the same path as its public site URL, so
 * that what the volunteer sees is what the static host will serve: relative links, 404 page, content
 * types. Read-only: GET and HEAD only, nothing outside the folder.
 */
export async function startSitePreview(
  dir: string,
  options: SitePreviewOptions = {},
): Promise<SitePreview> {
  const manifest = await readSiteManifest(dir);
  if (!manifest) {
    throw new BadgeError(
      'ERR_SITE_NOT_FOUND',
      `${dir} is not a site built by \`badgesmith site build\` (no badgesmith-site.json in it).`,
    );
  }
  const root = await realpath(dir);
  const basePath = new URL(manifest.siteUrl).pathname.replace(/\/?$/, '/');
  const server = createServer((request, response) => {
    serve(root, basePath, request, response).catch(() => {
      if (!response.headersSent)
        {response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });}
      response.end('Internal error\n');
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new BadgeError(
              'ERR_PORT_IN_USE',
              `Port ${options.port} is already in use; pick another one with --port.`,
            )
          : error,
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    siteUrl: manifest.siteUrl,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        // A page showing the preview keeps connections open; without this, stopping waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

async function serve(
  root: string,
  basePath: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://preview').pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  // The bare host (what a person types first) and the site path without its slash lead to the site.
  if (pathname === basePath.slice(0, -1) || (pathname === '/' && basePath !== '/')) {
    response.writeHead(301, { location: basePath }).end();
    return;
  }
  const file = pathname.startsWith(basePath)
    ? await fileInside(root, pathname.slice(basePath.length))
    : undefined;
  if (file === 'directory') {
    response.writeHead(301, { location: `${encodeURI(pathname)}/` }).end();
    return;
  }
  if (file === undefined) {
    const notFound = await fileInside(root, '404.html');
    response.writeHead(404, { 'content-type': SITE_CONTENT_TYPES['.html']! });
    if (typeof notFound !== 'object' || request.method === 'HEAD') response.end();
    else createReadStream(notFound.path).pipe(response);
    return;
  }
  response.writeHead(200, {
    'content-type': SITE_CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream',
    'content-length': file.size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Badge artwork is sanitised; the policy forbids any load even if something slipped through.
    ...(extname(file.path).toLowerCase() === '.svg' ? { 'content-security-policy': SVG_CSP } : {}),
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file.path).pipe(response);
}

/**
 * The regular file a site path names (`dir/` means its index.html) if it lies inside the root;
 * 'directory' for a folder named without its trailing slash (static hosts redirect those).
 */
async function fileInside(
  root: string,
  sitePath: string,
): Promise<{ path: string; size: number } | 'directory' | undefined> {
  const candidate = resolvePath(
    root,
    sitePath === '' || sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath,
  );
  try {
    const real = await realpath(candidate);
    const info = await stat(real);
    if (info.isDirectory()) return 'directory';
    const inside = relative(root, real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !info.isFile())
      {return undefined;}
    return { path: real, size: info.size };
  } catch {
    return undefined;
  }
}
