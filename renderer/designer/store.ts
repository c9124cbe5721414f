/**
 * The designer's state, without React or fabric: the document (undoable, saved) and the session
 * (selection, tool, zoom, clipboard: neither undone nor saved). Views subscribe and send
 * operations; the fabric canvas is only a rendering of `getState().document`.
 */
import type { BadgeDesign, Layer, LayerId } from '../../shared/design/model.js';
import { History } from './history.js';

export type Tool =
  'select' | 'hand' | 'rect' | 'ellipse' | 'polygon' | 'line' | 'text' | 'icon' | 'image';

export interface Session {
  readonly selection: readonly LayerId[];
  readonly tool: Tool;
  /** 1 = 100 %. */
  readonly zoom: number;
  /** Layers copied inside the app (copy/paste). */
  readonly clipboard: readonly Layer[];
}

export interface DesignerState {
  readonly document: BadgeDesign;
  readonly session: Session;
}

/** A document operation: a pure function from shared/design/ops (bound to its arguments). */
export type DesignOp = (design: BadgeDesign) => BadgeDesign;

export type HistoryMode = 'record' | 'ignore';

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 8;

export class DesignStore {
  private state: DesignerState;
  private readonly history = new History<BadgeDesign>();
  private readonly listeners = new Set<(state: DesignerState) => void>();

  constructor(document: BadgeDesign, session: Partial<Session> = {}) {
    this.state = {
      document,
      session: { selection: [], tool: 'select', zoom: 1, clipboard: [], ...session },
    };
  }

  getState(): DesignerState {
    return this.state;
  }

  subscribe(listener: (state: DesignerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: DesignerState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  /** Applies a document operation; `record` (default) makes it undoable, joined to the open gesture if any. */
  apply(
    op: DesignOp,
    options: { history?: HistoryMode; selection?: readonly LayerId[] } = {},
  ): void {
    const before = this.state.document;
    const after = op(before);
    if ((options.history ?? 'record') === 'record') this.history.record(before, after);
    const selection = options.selection ?? keepExisting(this.state.session.selection, after);
    if (after === before && selection === this.state.session.selection) return;
    this.set({ document: after, session: { ...this.state.session, selection } });
  }

  /** Replaces the document (opening a file): history starts afresh. */
  load(document: BadgeDesign): void {
    this.history.clear();
    this.set({ document, session: { ...this.state.session, selection: [] } });
  }

  setSession(change: Partial<Session>): void {
    const session = { ...this.state.session, ...change };
    if (change.zoom !== undefined)
      {session.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, change.zoom));}
    if (change.selection !== undefined)
      {session.selection = keepExisting(change.selection, this.state.document);}
    this.set({ ...this.state, session });
  }

  select(ids: readonly LayerId[]): void {
    this.setSession({ selection: ids });
  }

  /** Opens a gesture (pointer down on a layer, slider grab): until `endGesture`, changes are one undo step. */
  mark(name: string): void {
    this.history.mark(name, this.state.document);
  }

  endGesture(): void {
    this.history.end();
  }

  /** Cancels the open gesture (Escape during a drag): the document goes back to where the gesture began. */
  bailToMark(): void {
    const start = this.history.bail();
    if (start !== undefined && start !== this.state.document) {
      this.set({
        document: start,
        session: {
          ...this.state.session,
          selection: keepExisting(this.state.session.selection, start),
        },
      });
    }
  }

  undo(): boolean {
    return this.travel(this.history.undo(this.state.document));
  }

  redo(): boolean {
    return this.travel(this.history.redo(this.state.document));
  }

  private travel(document: BadgeDesign | undefined): boolean {
    if (document === undefined) return false;
    this.set({
      document,
      session: {
        ...this.state.session,
        selection: keepExisting(this.state.session.selection, document),
      },
    });
    return true;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** The selected layers, bottom to top. */
  selectedLayers(): Layer[] {
    const selected = new Set(this.state.session.selection);
    return this.state.document.layers.filter((layer) => selected.has(layer.id));
  }
}

/** The ids that still name a layer of the document (same array when nothing is dropped). */
function keepExisting(selection: readonly LayerId[], document: BadgeDesign): readonly LayerId[] {
  const present = new Set(document.layers.map((layer) => layer.id));
  return selection.every((id) => present.has(id))
    ? selection
    : selection.filter((id) => present.has(id));
}
