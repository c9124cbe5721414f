/**
 * Saves the document shortly after each change (Excalidraw's debounced LocalData): at most
 * `maxWait` after the first unsaved change, so a crash or reload loses at most that much work.
 */
import type { BadgeDesign } from '../../shared/design/model.js';
import type { DesignStore } from './store.js';

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed';

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstUnsaved = 0;
  private saved: BadgeDesign;
  private running: Promise<void> | null = null;
  private readonly unsubscribe: () => void;
  status: SaveStatus = 'saved';

  constructor(
    private readonly store: DesignStore,
    private readonly save: (design: BadgeDesign) => Promise<boolean>,
    private readonly onStatus: (status: SaveStatus) => void,
    private readonly delay = 300,
    private readonly maxWait = 800,
  ) {
    this.saved = store.getState().document;
    this.unsubscribe = store.subscribe((state) => {
      if (state.document !== this.saved) this.schedule();
    });
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    this.onStatus(status);
  }

  private schedule(): void {
    const now = performance.now();
    if (this.timer === undefined) this.firstUnsaved = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delay, this.firstUnsaved + this.maxWait - now));
    this.timer = setTimeout(() => void this.flush(), wait);
    if (this.status !== 'saving') this.setStatus('unsaved');
  }

  /** Saves now what is not saved yet (waits for a save under way first). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) await this.running;
    const document = this.store.getState().document;
    if (document === this.saved) return;
    this.setStatus('saving');
    this.running = this.save(document).then((ok) => {
      if (ok) this.saved = document;
      this.running = null;
      if (!ok) this.setStatus('failed');
      else if (this.store.getState().document === this.saved) this.setStatus('saved');
      else this.schedule();
    });
    await this.running;
  }

  /** A new document was opened: it is saved as it is. */
  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.saved = this.store.getState().document;
    this.setStatus('saved');
  }

  dispose(): void {
    this.unsubscribe();
    void this.flush();
  }
}
