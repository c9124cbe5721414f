import type { LucideIcon } from 'lucide-react';
import { ACTION_LABELS } from '../../designer/actions/labels.js';
import { executeAction, getAction, shortcutLabel } from '../../designer/actions/registry.js';
import type { DesignStore, DesignerState } from '../../designer/store.js';
import { currentLang } from '../../ui/messages.js';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** An action's words in the user's language, with its first shortcut: "Undo (Ctrl+Z)". */
export function actionLabel(name: string): { label: string; title: string } {
  const action = getAction(name);
  if (!action) throw new Error(`Unknown action ${name}`);
  const labels = ACTION_LABELS[currentLang() === 'fr' ? 'fr' : 'en'] as Record<string, string>;
  const label = labels[action.label] ?? action.name;
  const shortcut = action.shortcuts[0];
  return { label, title: shortcut ? `${label} (${shortcutLabel(shortcut, isMac)})` : label };
}

/** A toolbar button that runs a registered action (the same path as its shortcut and menus). */
export function ActionButton({
  store,
  state,
  name,
  icon: Icon,
  text = false,
  pressed,
}: {
  store: DesignStore;
  state: DesignerState;
  name: string;
  icon?: LucideIcon;
  text?: boolean;
  pressed?: boolean;
}) {
  const action = getAction(name)!;
  const { label, title } = actionLabel(name);
  return (
    <button
      type="button"
      className={text ? 'secondary' : 'secondary icon-button'}
      aria-label={label}
      aria-pressed={pressed}
      title={title}
      disabled={!action.enabled(state, store)}
      onClick={() => executeAction(store, name)}
    >
      {Icon && <Icon aria-hidden size={18} />}
      {text && <span>{label}</span>}
    </button>
  );
}
