/**
 * RDFC-1.0 canonicalization of JSON-LD documents, fast for batches of documents of one shape.
 *
 * jsonld.toRDF (context processing, expansion) costs about 50 times more than canonicalizing the
 * resulting dataset. Credentials of one batch differ only in their string values, so the dataset
 * is computed once per shape with a placeholder in each string value, and for every document the
 * placeholders are replaced by its values. The real RDFC-1.0 algorithm (rdf-canonize) then runs
 * on that dataset, so blank-node labels and line order are computed from the real values.
 *
 * A string value is a placeholder only when the placeholder ends up verbatim as a whole RDF term
 * (an IRI or a literal's lexical form); otherwise (types, @vocab terms, @json, …) the value is
 * part of the shape. Strings are classified so that a placeholder is processed like the value
 * would be: a plain string, or an absolute IRI with the same scheme (compact-IRI prefixes) and
 * the same `//` form. Anything the template cannot prove goes through jsonld.canonize.
 */
import jsonld from 'jsonld';
import { canonize as canonizeDataset } from 'rdf-canonize';
import type { DocumentLoader } from './document-loader.js';

interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: { termType: 'NamedNode'; value: string };
  language?: string;
  direction?: string;
}

interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

type Position = 'subject' | 'predicate' | 'object' | 'graph';
const POSITIONS: readonly Position[] = ['subject', 'predicate', 'object', 'graph'];

interface Template {
  quads: Quad[];
  /** Per quad index: the terms to replace by a leaf value. */
  slots: Map<number, Array<{ position: Position; leaf: number }>>;
  /** Terms defined in the contexts that contain a colon: an IRI value equal to one is looked up. */
  colonTerms: ReadonlySet<string>;
  /**
   * Per quad: whether it may come out equal to another quad once filled (a dataset holds each quad
   * once). Quads with different predicates, or objects of different kinds, never can.
   */
  mayRepeat: boolean[];
}

interface ShapeEntry {
  /** Leaves whose value is part of the shape (not replaceable by a placeholder). */
  structural: Promise<Set<number> | undefined>;
  variants: Map<string, Promise<Template | undefined>>;
}

interface Described {
  skeleton: string;
  leaves: string[];
}

const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+.-]*):(\S*)$/;
/** Keys whose value is always part of the shape. */
const STRUCTURAL_KEYS = new Set(['@context', 'type', '@type', '@language', '@direction', '@container', '@index']);
const MAX_SHAPES = 200;
const MAX_VARIANTS = 64;
const MAX_LEAVES = 400;
const NONCE = 'x9bsph';
const PLACEHOLDER = /x9bsph(\d+)q/g;

/** 's' for a plain string, 'i<scheme>[/]' for an absolute IRI, undefined when the value is structural. */
function category(value: string): string | undefined {
  if (value.startsWith('@') || value.startsWith('_:')) return undefined;
  const match = ABSOLUTE_IRI.exec(value);
  if (!match) return 's';
  return `i${match[1]}${match[2]!.startsWith('//') ? '/' : ''}`;
}

function placeholderFor(value: string, index: number): string {
  const match = ABSOLUTE_IRI.exec(value);
  const token = `${NONCE}${index}q`;
  if (!match) return token;
  return `${match[1]}:${match[2]!.startsWith('//') ? '//' : ''}${token}`;
}

function describe(document: unknown): Described {
  const leaves: string[] = [];
  let skeleton = '';
  const walk = (node: unknown, structural: boolean): void => {
    if (typeof node === 'string') {
      const kind = structural ? undefined : category(node);
      if (kind === undefined) {
        skeleton += JSON.stringify(node);
      } else {
        skeleton += `\u0001${kind}\u0002`;
        leaves.push(node);
      }
    } else if (Array.isArray(node)) {
      skeleton += '[';
      for (const item of node) {
        walk(item, structural);
        skeleton += ',';
      }
      skeleton += ']';
    } else if (node !== null && typeof node === 'object') {
      skeleton += '{';
      for (const [key, value] of Object.entries(node)) {
        skeleton += `${JSON.stringify(key)}:`;
        walk(value, structural || STRUCTURAL_KEYS.has(key));
        skeleton += ',';
      }
      skeleton += '}';
    } else {
      skeleton += JSON.stringify(node ?? null);
    }
  };
  walk(document, false);
  return { skeleton, leaves };
}

/** A copy of the document with each non-structural leaf replaced by its placeholder. */
function withPlaceholders(document: unknown, structural: ReadonlySet<number>): unknown {
  let index = 0;
  const walk = (node: unknown, fixed: boolean): unknown => {
    if (typeof node === 'string') {
      if (fixed || category(node) === undefined) return node;
      const leaf = index++;
      return structural.has(leaf) ? node : placeholderFor(node, leaf);
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, fixed));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        const copy = walk(value, fixed || STRUCTURAL_KEYS.has(key));
        // An own "__proto__" key (from JSON.parse) must stay a key, not become the prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
        else out[key] = copy;
      }
      return out;
    }
    return node;
  };
  return walk(document, false);
}

function collectColonTerms(context: unknown, into: Set<string>): void {
  if (Array.isArray(context)) {
    for (const item of context) collectColonTerms(item, into);
  } else if (context !== null && typeof context === 'object') {
    for (const [key, value] of Object.entries(context)) {
      if (key.includes(':')) into.add(key);
      collectColonTerms(value, into);
    }
  }
}

async function toDataset(document: unknown, documentLoader: DocumentLoader): Promise<Quad[]> {
  const options = { documentLoader, safe: true } as unknown as jsonld.Options.ToRdf;
  return (await jsonld.toRDF(document as jsonld.JsonLdDocument, options)) as unknown as Quad[];
}

/** `blamed`: leaves whose placeholder jsonld named in its error (safe mode gives the value). */
type BuildResult = { template: Template } | { badLeaves: number[] } | { failed: true; blamed: number[] };

async function buildTemplate(
  document: unknown,
  leaves: readonly string[],
  structural: ReadonlySet<number>,
  documentLoader: DocumentLoader,
): Promise<BuildResult> {
  const leafCount = leaves.length;
  const colonTerms = new Set<string>();
  const recordingLoader: DocumentLoader = async (url) => {
    const loaded = await documentLoader(url);
    collectColonTerms(loaded.document, colonTerms);
    return loaded;
  };
  const probe = withPlaceholders(document, structural);
  collectColonTerms((document as Record<string, unknown>)['@context'], colonTerms);
  let quads: Quad[];
  try {
    quads = await toDataset(probe, recordingLoader);
  } catch (error) {
    let details: string;
    try {
      details = JSON.stringify((error as { details?: unknown }).details) ?? '';
    } catch {
      details = '';
    }
    return { failed: true, blamed: [...details.matchAll(PLACEHOLDER)].map((m) => Number(m[1])).filter((leaf) => leaf < leafCount) };
  }
  const slots = new Map<number, Array<{ position: Position; leaf: number }>>();
  const seen = new Set<number>();
  const bad = new Set<number>();
  quads.forEach((quad, quadIndex) => {
    for (const position of POSITIONS) {
      const term = quad[position];
      const texts = [term.value, term.datatype?.value ?? '', term.language ?? ''];
      for (let t = 0; t < texts.length; t++) {
        for (const match of texts[t]!.matchAll(PLACEHOLDER)) {
          const leaf = Number(match[1]);
          if (leaf >= leafCount || structural.has(leaf)) continue;
          seen.add(leaf);
          const whole = t === 0 && term.termType !== 'BlankNode' && term.value === placeholderFor(leaves[leaf]!, leaf);
          if (!whole) {
            bad.add(leaf);
            continue;
          }
          const list = slots.get(quadIndex) ?? [];
          list.push({ position, leaf });
          slots.set(quadIndex, list);
        }
      }
    }
  });
  for (let leaf = 0; leaf < leafCount; leaf++) if (!structural.has(leaf) && !seen.has(leaf)) bad.add(leaf);
  if (bad.size > 0) return { badLeaves: [...bad] };
  return { template: { quads, slots, colonTerms, mayRepeat: mayRepeat(quads, slots) } };
}

function mayRepeat(quads: readonly Quad[], slots: ReadonlyMap<number, Array<{ position: Position }>>): boolean[] {
  if ([...slots.values()].some((list) => list.some((slot) => slot.position === 'predicate'))) return quads.map(() => true);
  const kinds = quads.map(({ predicate, object }) => `${predicate.value} ${object.termType} ${object.datatype?.value ?? ''} ${object.language ?? ''} ${object.direction ?? ''}`);
  const count = new Map<string, number>();
  for (const kind of kinds) count.set(kind, (count.get(kind) ?? 0) + 1);
  return kinds.map((kind) => count.get(kind)! > 1);
}

function substitute(template: Template, leaves: readonly string[]): Quad[] | undefined {
  const out: Quad[] = [];
  const keys = new Set<string>();
  for (let i = 0; i < template.quads.length; i++) {
    let quad = template.quads[i]!;
    const slots = template.slots.get(i);
    if (slots) {
      quad = { ...quad };
      for (const { position, leaf } of slots) {
        const value = leaves[leaf]!;
        if (quad[position].termType === 'NamedNode' && template.colonTerms.has(value)) return undefined;
        quad[position] = { ...quad[position], value };
      }
    }
    if (template.mayRepeat[i]) {
      const key = `${termKey(quad.subject)} ${termKey(quad.predicate)} ${termKey(quad.object)} ${termKey(quad.graph)}`;
      if (keys.has(key)) continue;
      keys.add(key);
    }
    out.push(quad);
  }
  return out;
}

function termKey(term: Term): string {
  return `${term.termType[0]}${term.value.length}:${term.value}|${term.datatype?.value ?? ''}|${term.language ?? ''}|${term.direction ?? ''}`;
}

const shapes = new Map<string, ShapeEntry>();
const sightings = new Set<string>();
const stats = { templated: 0, full: 0 };

/** How many canonicalizations went through a template, and how many through jsonld alone. */
export function canonicalTemplateStats(): { templated: number; full: number } {
  return { ...stats };
}

/**
 * Which leaves must keep their real value for this shape: first the leaves whose placeholder does
 * not come out verbatim; when a placeholder makes jsonld fail (e.g. a relative IRI under an
 * `@vocab` term, in safe mode), every leaf starts structural and each is tried as a placeholder
 * in turn (once per shape). Undefined when the document fails with its own values.
 */
async function learnStructure(document: unknown, leaves: readonly string[], documentLoader: DocumentLoader): Promise<Set<number> | undefined> {
  let structural = new Set<number>();
  for (let round = 0; round < 12; round++) {
    const result = await buildTemplate(document, leaves, structural, documentLoader);
    if ('template' in result) return structural;
    const culprits = 'failed' in result ? result.blamed.filter((leaf) => !structural.has(leaf)) : result.badLeaves;
    if (culprits.length === 0) break;
    // Leaves with the same value are most likely the same kind of term (e.g. every proofPurpose).
    const values = new Set(culprits.map((leaf) => leaves[leaf]));
    structural = new Set([...structural, ...culprits, ...[...leaves.keys()].filter((leaf) => values.has(leaves[leaf]!))]);
  }
  // Find a large set of leaves that can be placeholders: add groups that work, split those that fail.
  const placeholders = new Set<number>();
  const works = async (group: readonly number[]): Promise<boolean> => {
    const trial = new Set([...placeholders, ...group]);
    const fixed = new Set([...leaves.keys()].filter((leaf) => !trial.has(leaf)));
    return 'template' in (await buildTemplate(document, leaves, fixed, documentLoader));
  };
  if (!(await works([]))) return undefined;
  const search = async (group: readonly number[]): Promise<void> => {
    if (group.length === 0) return;
    if (await works(group)) {
      for (const leaf of group) placeholders.add(leaf);
    } else if (group.length > 1) {
      const middle = group.length >> 1;
      await search(group.slice(0, middle));
      await search(group.slice(middle));
    }
  };
  await search([...leaves.keys()]);
  return new Set([...leaves.keys()].filter((leaf) => !placeholders.has(leaf)));
}

async function templateFor(document: unknown, described: Described, documentLoader: DocumentLoader): Promise<Template | undefined> {
  let entry = shapes.get(described.skeleton);
  if (!entry) {
    // A template pays off from the second document of a shape: the first goes the full way.
    if (!sightings.delete(described.skeleton)) {
      if (sightings.size >= MAX_SHAPES) sightings.delete(sightings.values().next().value as string);
      sightings.add(described.skeleton);
      return undefined;
    }
    if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value as string);
    entry = { structural: learnStructure(document, described.leaves, documentLoader), variants: new Map() };
    shapes.set(described.skeleton, entry);
  }
  const current = entry;
  const structural = await current.structural;
  if (!structural) {
    if (shapes.get(described.skeleton) === current) shapes.delete(described.skeleton);
    return undefined;
  }
  const variantKey = JSON.stringify([...structural].sort((a, b) => a - b).map((leaf) => described.leaves[leaf]));
  let pending = current.variants.get(variantKey);
  if (!pending) {
    if (current.variants.size >= MAX_VARIANTS) current.variants.delete(current.variants.keys().next().value as string);
    pending = buildTemplate(document, described.leaves, structural, documentLoader).then((result) => {
      if ('template' in result) return result.template;
      current.variants.delete(variantKey);
      return undefined;
    });
    current.variants.set(variantKey, pending);
  }
  return pending;
}

/** RDFC-1.0 N-Quads of a JSON-LD document, with jsonld alone (safe mode). */
export async function canonicalizeFull(document: unknown, documentLoader: DocumentLoader): Promise<string> {
  const options = { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true } as unknown as jsonld.Options.Normalize;
  return (await jsonld.canonize(document as jsonld.JsonLdDocument, options)) as string;
}

/**
 * RDFC-1.0 N-Quads of a JSON-LD document, equal to canonicalizeFull, through a per-shape dataset
 * template. Context documents are assumed stable per URL (jsonld caches them the same way).
 */
export async function canonicalize(document: unknown, documentLoader: DocumentLoader): Promise<string> {
  const described = describe(document);
  if (described.leaves.length > 0 && described.leaves.length <= MAX_LEAVES) {
    const template = await templateFor(document, described, documentLoader);
    const dataset = template && substitute(template, described.leaves);
    if (dataset) {
      stats.templated++;
      return canonizeDataset(dataset, { algorithm: 'RDFC-1.0' });
    }
  }
  stats.full++;
  return canonicalizeFull(document, documentLoader);
}

/** Templates learnt on one thread, as plain data that another thread can take (structured clone). */
export interface CanonicalTemplates {
  shapes: Array<{ skeleton: string; structural: number[]; variants: Array<[string, Template]> }>;
}

/** This thread's finished templates, for threads that canonicalize documents of the same shapes with the same contexts. */
export async function exportCanonicalTemplates(): Promise<CanonicalTemplates> {
  const exported: CanonicalTemplates['shapes'] = [];
  for (const [skeleton, entry] of shapes) {
    const structural = await entry.structural;
    if (!structural) continue;
    const variants: Array<[string, Template]> = [];
    for (const [key, pending] of entry.variants) {
      const template = await pending;
      if (template) variants.push([key, template]);
    }
    if (variants.length > 0) exported.push({ skeleton, structural: [...structural], variants });
  }
  return { shapes: exported };
}

/**
 * Takes another thread's templates (exportCanonicalTemplates) for shapes this thread has not
 * learnt: both must load the same context documents for the same URLs.
 */
export function importCanonicalTemplates(templates: CanonicalTemplates): void {
  for (const { skeleton, structural, variants } of templates.shapes) {
    if (shapes.has(skeleton) || shapes.size >= MAX_SHAPES) continue;
    const entry: ShapeEntry = { structural: Promise.resolve(new Set(structural)), variants: new Map() };
    for (const [key, template] of variants.slice(0, MAX_VARIANTS)) entry.variants.set(key, Promise.resolve(template));
    shapes.set(skeleton, entry);
  }
}

/** For tests: forget every template. */
export function clearCanonicalTemplates(): void {
  shapes.clear();
  sightings.clear();
}
