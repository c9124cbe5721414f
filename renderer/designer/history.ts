/**
 * Undo and redo over immutable document snapshots (badge designs are small, so whole snapshots
 * are cheaper to reason about than diffs). A *mark* opens a gesture: every change until the gesture
 * ends is one undo step, so a whole drag or slider move undoes at once (tldraw's stopping points).
 */

export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  /** The document when the open gesture started, and whether it has changed anything yet. */
  private gesture: { name: string; start: T; changed: boolean } | undefined;

  constructor(private readonly limit = 200) {}

  /** Records that `before` became `after` (same reference: nothing happened, redo is kept). */
  record(before: T, after: T): void {
    if (before === after) return;
    this.future = [];
    if (this.gesture) {
      if (!this.gesture.changed) this.push(this.gesture.start);
      this.gesture.changed = true;
      return;
    }
    this.push(before);
  }

  private push(snapshot: T): void {
    this.past.push(snapshot);
    if (this.past.length > this.limit) this.past.shift();
  }

  /** Opens a gesture starting at `current` (ends any open one). */
  mark(name: string, current: T): void {
    this.gesture = { name, start: current, changed: false };
  }

  /** Ends the open gesture: what it changed stays one undo step. */
  end(): void {
    this.gesture = undefined;
  }

  get markName(): string | undefined {
    return this.gesture?.name;
  }

  /** Cancels the open gesture: returns the document to restore (its start), and forgets the step. */
  bail(): T | undefined {
    const gesture = this.gesture;
    this.gesture = undefined;
    if (!gesture) return undefined;
    if (gesture.changed) this.past.pop();
    return gesture.start;
  }

  undo(current: T): T | undefined {
    this.end();
    const previous = this.past.pop();
    if (previous === undefined) return undefined;
    this.future.push(current);
    return previous;
  }

  redo(current: T): T | undefined {
    this.end();
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(current);
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.gesture = undefined;
  }
}
