// Builds the Node entry points (CLI and worker threads) into out/ with esbuild.
// Dependencies stay external: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { build as viteBuild } from 'vite';

const entries = {
  cli: 'main/cli/index.ts',
  'certificate-worker': 'main/services/certificate-worker.ts',
  'design-render-worker': 'main/services/design-render-worker.ts',
  bench: 'bench/run.ts',
  serve: 'main/serve/index.ts',
  // Electron's main process (package.json "main"): ESM, which Electron 28+ loads; electron stays external.
  main: 'main/app/index.ts',
};

const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

await build({
  entryPoints,
  outdir: 'out',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  outExtension: { '.js': '.js' },
});

// The verify and sign workers bundle their dependencies (resolving and loading them was most of
// each worker's start-up), jsonld without its Node platform module, which loads an HTTP client
// (undici) that offline signing and verifying never use (about 10 MB per thread). JSON-LD contexts
// stay in their npm packages, read at run time.
const require = createRequire(import.meta.url);
const offlineJsonld = {
  name: 'offline-jsonld',
  setup(build) {
    build.onResolve({ filter: /^jsonld$/ }, () => ({ path: require.resolve('jsonld') }));
    build.onResolve({ filter: /^\.\/platform$/ }, (args) => (args.importer.includes(`${sep}jsonld${sep}`) ? { path: 'jsonld-platform', namespace: 'offline' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'offline' }, () => ({ contents: 'module.exports = { setupDocumentLoaders() {}, setupGlobals() {} };', loader: 'js' }));
  },
};
const offlineWorkers = Object.fromEntries(
  Object.entries({ 'verify-worker': 'main/services/verify-worker.ts', 'sign-worker': 'main/services/sign-worker.ts' }).filter(([, file]) => existsSync(file)),
);
if (Object.keys(offlineWorkers).length > 0) {
  await build({
    entryPoints: offlineWorkers,
    outdir: 'out',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['*-context'],
    plugins: [offlineJsonld],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

// The Electron preload: a sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
if (existsSync('preload/index.ts')) {
  await build({
    entryPoints: ['preload/index.ts'],
    outfile: 'out/preload.cjs',
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['electron'],
    logLevel: 'warning',
  });
}

// The static site's browser verifier: shared/verify bundled for the browser (WebCrypto, no Node built-ins).
if (existsSync('site-verifier/main.ts')) {
  await build({
    entryPoints: { 'site-verifier': 'site-verifier/main.ts' },
    outdir: 'out',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

// The app's UI (React), served by out/serve.js in loopback mode and loaded by the Electron window.
if (existsSync('renderer/index.html')) {
  await viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
}
