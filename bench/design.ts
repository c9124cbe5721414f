import type { BadgeDesign } from '../shared/design/model.js';
import { templateDesign } from '../shared/design/templates.js';
import { renderDesignPng } from '../main/services/design-render.js';
import { rate, round, type Bench } from './measure.js';

const design = () => templateDesign('round-volunteer', 'fr', 'dbench' as BadgeDesign['id'])!;

/** Milliseconds to render one 1024 px PNG of a template (outlined text, icon, gradients) in Node. */
export const exportPng1024Bench: Bench = {
  name: 'export-png-1024',
  async run({ quick }) {
    const d = design();
    const perSecond = await rate(() => renderDesignPng(d, { size: 1024, fields: { 'badge.name': 'Guide bénévole', 'recipient.name': 'Élodie Lefèvre' } }), quick ? 500 : 2000);
    return { name: 'export-png-1024', value: round(1000 / perSecond), unit: 'ms', target: 150 };
  },
};

/** Personalised 256 px PNGs per second (a different name each time), as issuing would render them. */
export const renderPersonalisedBench: Bench = {
  name: 'render-personalised',
  async run({ quick }) {
    const d = design();
    const names = ['Élodie Lefèvre', 'François Müller', 'Chloé Béranger', 'Jérôme Dupré', 'Anaïs Noël', 'Łukasz Wróbel'];
    let i = 0;
    const perSecond = await rate(() => renderDesignPng(d, { size: 256, fields: { 'badge.name': 'Guide bénévole', 'recipient.name': `${names[i++ % names.length]} ${i}` } }), quick ? 500 : 2000);
    return { name: 'render-personalised', value: round(perSecond), unit: 'images/s', target: 200 };
  },
};

export const DESIGN_BENCHES = [exportPng1024Bench, renderPersonalisedBench];
