/** The badge design document: model, restore, operations, SVG master, templates. Pure; the renderer may import it. */
export * from './model.js';
export * from './assets.js';
export * from './fields.js';
export * from './images.js';
export * from './ops.js';
export {
  restoreDesign,
  requireDesign,
  parseDesignJson,
  serializeDesign,
  DESIGN_VERSIONS,
} from './restore.js';
export { toSvg, frameBox, type ToSvgOptions } from './svg.js';
export { TEMPLATES, templateDesign, type DesignTemplate } from './templates.js';
