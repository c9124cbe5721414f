/**
 * Fonts and icons for drawing designs in the page, from the same sources as Node: main sends the
 * Fontsource font files (parsed here with opentype.js) and Lucide's checked icon drawings, so
 * `toSvg` here produces the very SVG that main bakes. Everything a document needs is loaded by
 * `prepare` first, because `toSvg` asks for glyphs and icons synchronously.
 */
import opentype, { type Font } from 'opentype.js';
import type { GlyphOutliner, IconLibrary, IconNode } from '../../shared/design/assets.js';
import { layoutLine } from '../../shared/design/glyph-layout.js';
import type { BadgeDesign, FontSpec } from '../../shared/design/model.js';

export interface AssetSource {
  fontFace(
    spec: Pick<FontSpec, 'family' | 'weight' | 'italic'>,
  ): Promise<{ key: string; files: string[] }>;
  iconNodes(ids: string[]): Promise<{ id: string; nodes: IconNode[] }[]>;
}

const specKey = (spec: Pick<FontSpec, 'family' | 'weight' | 'italic'>) =>
  `${spec.family}|${spec.weight}|${spec.italic ? 1 : 0}`;

function parseFont(base64: string): Font {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return opentype.parse(bytes.buffer);
}

export class DesignAssets {
  /** Fonts of a face, by the spec that asked for it (several weights may share a face). */
  private readonly faces = new Map<string, Font[]>();
  private readonly byFaceKey = new Map<string, Font[]>();
  private readonly loadingFaces = new Map<string, Promise<void>>();
  private readonly iconDrawings = new Map<string, IconNode[] | null>();

  constructor(private readonly source: AssetSource) {}

  readonly glyphs: GlyphOutliner = {
    layout: (text, spec) => {
      const fonts = this.faces.get(specKey(spec));
      if (!fonts) throw new Error(`Font ${specKey(spec)} was not prepared`);
      return layoutLine(text, spec, fonts);
    },
  };

  readonly icons: IconLibrary = {
    icon: (id) => this.iconDrawings.get(id) ?? undefined,
  };

  /** Remembers drawings already received (from an icon search). */
  addIcons(entries: readonly { id: string; nodes: IconNode[] }[]): void {
    for (const entry of entries) this.iconDrawings.set(entry.id, entry.nodes);
  }

  private loadFace(spec: FontSpec): Promise<void> {
    const key = specKey(spec);
    let loading = this.loadingFaces.get(key);
    if (!loading) {
      loading = this.source.fontFace(spec).then((face) => {
        let fonts = this.byFaceKey.get(face.key);
        if (!fonts) {
          fonts = face.files.map(parseFont);
          this.byFaceKey.set(face.key, fonts);
        }
        this.faces.set(key, fonts);
      });
      loading.catch(() => this.loadingFaces.delete(key));
      this.loadingFaces.set(key, loading);
    }
    return loading;
  }

  /** Whether everything the document draws with is here (no need to wait). */
  isReady(design: BadgeDesign): boolean {
    return design.layers.every((layer) =>
      layer.type === 'text'
        ? this.faces.has(specKey(layer.font))
        : layer.type === 'icon'
          ? this.iconDrawings.has(layer.icon)
          : true,
    );
  }

  /** Loads the faces and icons the document uses. */
  async prepare(design: BadgeDesign): Promise<void> {
    if (this.isReady(design)) return;
    const faces: Promise<void>[] = [];
    const icons = new Set<string>();
    for (const layer of design.layers) {
      if (layer.type === 'text') faces.push(this.loadFace(layer.font));
      else if (layer.type === 'icon' && !this.iconDrawings.has(layer.icon)) icons.add(layer.icon);
    }
    const wanted = [...icons].filter((id) => /^lucide:[a-z0-9-]+$/.test(id));
    const received = wanted.length > 0 ? await this.source.iconNodes(wanted) : [];
    this.addIcons(received);
    // An icon main does not know stays unknown: toSvg then names it (ERR_DESIGN_ICON_UNKNOWN).
    for (const id of icons) if (!this.iconDrawings.has(id)) this.iconDrawings.set(id, null);
    await Promise.all(faces);
  }
}
