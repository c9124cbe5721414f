import type { DesignStore, DesignerState } from '../store.js';

/** The part of a keyboard event a shortcut looks at (a DOM KeyboardEvent fits). */
export interface KeyLike {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
}

export interface Shortcut {
  readonly key: string;
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  readonly mod?: boolean;
  readonly shift?: boolean;
}

/** What an action was started with: a key press, or nothing (toolbar, menu, test). */
export interface ActionInput {
  readonly shift?: boolean;
  readonly key?: string;
}

/**
 * One user action (Excalidraw's registry): toolbar buttons, menus, shortcuts and tests all run it
 * through `executeAction`, so they behave the same.
 */
export interface Action {
  readonly name: string;
  /** The i18n key of its label (labels.ts holds the English and French words). */
  readonly label: string;
  readonly shortcuts: readonly Shortcut[];
  /** Whether it can run now (greys out the button and menu item). */
  readonly enabled: (state: DesignerState, store: DesignStore) => boolean;
  /** Does the work; false when there was nothing to do. */
  readonly perform: (store: DesignStore, input: ActionInput) => boolean;
}
