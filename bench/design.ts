import { loadavg } from 'node:os';
import type { BadgeDesign, FieldValues } from '../shared/design/model.js';
import { templateDesign } from '../shared/design/templates.js';
import { createPersonalisedRenderer, renderDesignPng } from '../main/services/design-render.js';
import { compare, round, type Bench } from './measure.js';

const design = () => templateDesign('round-volunteer', 'fr', 'dbench' as BadgeDesign['id'])!;

const NAMES = [
  'Élodie Lefèvre',
  'François Müller',
  'Chloé Béranger',
  'Jérôme Dupré',
  'Anaïs Noël',
  'Łukasz Wróbel',
];
const fieldsFor = (i: number): FieldValues => ({
  'badge.name': 'Guide bénévole',
  'recipient.name': `${NAMES[i % NAMES.length]} ${i}`,
  issued_on: '1 avril 2026',
});

interface Measured {
  perSecond: number;
  /** CPU time of the whole process (every thread) per image. */
  cpuMs: number;
}

/** Runs `render(i)` with `inFlight` images at a time for `ms`, after as long a warm-up (threads start, fonts load, code compiles). */
async function measure(
  render: (i: number) => Promise<unknown> | unknown,
  ms: number,
  inFlight = 1,
): Promise<Measured> {
  let i = 0;
  const run = async (until: number, count: () => void) => {
    const lane = async () => {
      while (performance.now() < until) {
        await render(i++);
        count();
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
  };
  await run(performance.now() + ms, () => undefined);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let done = 0;
  await run(start + ms, () => done++);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { perSecond: (done * 1000) / wall, cpuMs: (used.user + used.system) / 1000 / done };
}

const load = () => round(loadavg()[0]!);

/** Milliseconds to render one 1024 px PNG of a template (outlined text, icon, gradients) in Node. */
export const exportPng1024Bench: Bench = {
  name: 'export-png-1024',
  async run({ quick }) {
    const d = design();
    const { perSecond, cpuMs } = await measure(
      () => renderDesignPng(d, { size: 1024, fields: fieldsFor(0) }),
      quick ? 500 : 2000,
    );
    return {
      name: 'export-png-1024',
      value: round(1000 / perSecond),
      unit: 'ms',
      target: 150,
      cpu_ms: round(cpuMs),
      load_average: load(),
    };
  },
};

/**
 * Personalised 256 px PNGs per second (a different name each time), as issuing renders them: the
 * batch renderer (parts without fields rendered once, threads on every core) against the plain
 * path (one toSvg and one whole resvg render per image, in this thread).
 */
export const renderPersonalisedBench: Bench = {
  name: 'render-personalised',
  async run({ quick }) {
    const d = design();
    const ms = quick ? 500 : 2000;
    const renderer = createPersonalisedRenderer(d, { size: 256 });
    let ours: Measured;
    try {
      ours = await measure((i) => renderer.render(fieldsFor(i)), ms, 16);
    } finally {
      await renderer.close();
    }
    const peer = await measure(
      (i) => renderDesignPng(d, { size: 256, fields: fieldsFor(i), missingFields: 'blank' }),
      ms,
    );
    return {
      ...compare(
        'render-personalised',
        'images/s',
        ours.perSecond,
        'toSvg + resvg per image',
        peer.perSecond,
      ),
      target: 200,
      cpu_ms_per_image: round(ours.cpuMs),
      peer_cpu_ms_per_image: round(peer.cpuMs),
      load_average: load(),
    };
  },
};

export const DESIGN_BENCHES = [exportPng1024Bench, renderPersonalisedBench];
