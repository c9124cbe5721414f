import type { DesignStore } from '../store.js';
import { clipboardActions } from './clipboard.js';
import { historyActions } from './history.js';
import { layerActions } from './layers.js';
import { nudgeActions } from './nudge.js';
import { arrangeActions } from './arrange.js';
import { frameActions, insertActions } from './insert.js';
import { viewActions } from './view.js';
import type { Action, ActionInput, KeyLike, Shortcut } from './types.js';

export const ACTIONS: readonly Action[] = [
  ...historyActions,
  ...layerActions,
  ...clipboardActions,
  ...nudgeActions,
  ...insertActions,
  ...frameActions,
  ...arrangeActions,
  ...viewActions,
];

export function getAction(name: string): Action | undefined {
  return ACTIONS.find((action) => action.name === name);
}

/** Runs an action by name if it is enabled; returns whether it did something. */
export function executeAction(store: DesignStore, name: string, input: ActionInput = {}): boolean {
  const action = getAction(name);
  if (!action) throw new Error(`Unknown designer action ${name}`);
  if (!action.enabled(store.getState(), store)) return false;
  return action.perform(store, input);
}

function matches(shortcut: Shortcut, event: KeyLike, isMac: boolean): boolean {
  const mod = isMac ? Boolean(event.metaKey) : Boolean(event.ctrlKey);
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return (
    key === shortcut.key &&
    mod === Boolean(shortcut.mod) &&
    (shortcut.shift === undefined || Boolean(event.shiftKey) === shortcut.shift) &&
    !event.altKey
  );
}

/** The action a key press asks for, or undefined. */
export function actionForKey(event: KeyLike, isMac = false): Action | undefined {
  return ACTIONS.find((action) =>
    action.shortcuts.some((shortcut) => matches(shortcut, event, isMac)),
  );
}

/** Runs the action of a key press; true when one ran (the caller then prevents the browser's default). */
export function handleKey(store: DesignStore, event: KeyLike, isMac = false): boolean {
  const action = actionForKey(event, isMac);
  return (
    action !== undefined &&
    executeAction(store, action.name, { shift: event.shiftKey, key: event.key })
  );
}

/** How a shortcut is shown in menus and tooltips: "Ctrl+Shift+Z" or "⌘⇧Z". */
export function shortcutLabel(shortcut: Shortcut, isMac = false): string {
  const key =
    shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key.replace(/^Arrow/, '');
  if (isMac) return `${shortcut.mod ? '⌘' : ''}${shortcut.shift ? '⇧' : ''}${key}`;
  return [shortcut.mod ? 'Ctrl' : '', shortcut.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}
