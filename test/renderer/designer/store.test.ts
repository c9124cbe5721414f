import { describe, expect, it } from 'vitest';
import type { BadgeDesign, LayerId } from '../../../shared/design/model.js';
import { translateLayers, updateLayer } from '../../../shared/design/ops.js';
import { templateDesign } from '../../../shared/design/templates.js';
import { ACTIONS, actionForKey, executeAction, handleKey, shortcutLabel } from '../../../renderer/designer/actions/registry.js';
import { ACTION_LABELS } from '../../../renderer/designer/actions/labels.js';
import { DesignStore } from '../../../renderer/designer/store.js';

const id = (value: string) => value as LayerId;

function store(): DesignStore {
  return new DesignStore(templateDesign('round-classic', 'en', 'dstore' as BadgeDesign['id'])!);
}

const layer = (s: DesignStore, layerId: string) => s.getState().document.layers.find((l) => l.id === layerId)!;

describe('DesignStore history', () => {
  it('undoes and redoes single operations in order', () => {
    const s = store();
    const start = s.getState().document;
    s.apply((d) => translateLayers(d, [id('icon')], 5, 0));
    s.apply((d) => translateLayers(d, [id('icon')], 5, 0));
    expect(layer(s, 'icon').x).toBe(start.layers.find((l) => l.id === 'icon')!.x + 10);
    expect(s.undo()).toBe(true);
    expect(layer(s, 'icon').x).toBe(start.layers.find((l) => l.id === 'icon')!.x + 5);
    expect(s.undo()).toBe(true);
    expect(s.getState().document).toBe(start);
    expect(s.undo()).toBe(false);
    expect(s.redo()).toBe(true);
    expect(s.redo()).toBe(true);
    expect(s.redo()).toBe(false);
    expect(layer(s, 'icon').x).toBe(start.layers.find((l) => l.id === 'icon')!.x + 10);
  });

  it('makes a whole drag between mark and endGesture one undo step', () => {
    const s = store();
    const start = s.getState().document;
    s.mark('drag');
    for (let i = 0; i < 20; i++) s.apply((d) => translateLayers(d, [id('title')], 1, 1));
    s.endGesture();
    s.apply((d) => updateLayer(d, id('title'), { opacity: 0.5 }));
    expect(s.undo()).toBe(true); // the opacity change
    expect(layer(s, 'title').opacity).toBe(1);
    expect(layer(s, 'title').x).toBe(start.layers.find((l) => l.id === 'title')!.x + 20);
    expect(s.undo()).toBe(true); // the whole drag
    expect(s.getState().document).toBe(start);
    expect(s.canUndo).toBe(false);
  });

  it('a gesture that changes nothing leaves no step, and bailToMark restores its start', () => {
    const s = store();
    const start = s.getState().document;
    s.mark('click');
    s.endGesture();
    expect(s.canUndo).toBe(false);
    s.mark('drag');
    s.apply((d) => translateLayers(d, [id('title')], 30, 0));
    s.apply((d) => translateLayers(d, [id('title')], 30, 0));
    s.bailToMark();
    expect(s.getState().document).toBe(start);
    expect(s.canUndo).toBe(false);
  });

  it('a new change clears redo, a change that does nothing keeps it, ignored changes are not undone', () => {
    const s = store();
    s.apply((d) => translateLayers(d, [id('title')], 1, 0));
    s.undo();
    expect(s.canRedo).toBe(true);
    s.apply((d) => d); // a click that changes nothing
    expect(s.canRedo).toBe(true);
    s.apply((d) => translateLayers(d, [id('title')], 0, 1), { history: 'ignore' });
    expect(s.canUndo).toBe(false);
    s.apply((d) => translateLayers(d, [id('title')], 0, 1));
    expect(s.canRedo).toBe(false);
  });

  it('drops deleted layers from the selection on undo and notifies subscribers', () => {
    const s = store();
    const seen: number[] = [];
    s.subscribe((state) => seen.push(state.document.layers.length));
    s.select([id('icon')]);
    expect(executeAction(s, 'delete')).toBe(true);
    expect(s.getState().session.selection).toEqual([]);
    expect(layer(s, 'icon')).toBeUndefined();
    s.undo();
    expect(layer(s, 'icon')).toBeDefined();
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('clamps zoom', () => {
    const s = store();
    s.setSession({ zoom: 100 });
    expect(s.getState().session.zoom).toBe(8);
    s.setSession({ zoom: 0 });
    expect(s.getState().session.zoom).toBe(0.1);
  });
});

describe('designer actions', () => {
  it('every action has English and French labels and a unique name', () => {
    expect(new Set(ACTIONS.map((a) => a.name)).size).toBe(ACTIONS.length);
    for (const action of ACTIONS) {
      expect(ACTION_LABELS.en).toHaveProperty([action.label]);
      expect(ACTION_LABELS.fr).toHaveProperty([action.label]);
    }
  });

  it('nudges by 1, or 10 with shift, as one undo step each; locked layers stay', () => {
    const s = store();
    const x = layer(s, 'icon').x;
    s.select([id('icon')]);
    expect(handleKey(s, { key: 'ArrowRight' })).toBe(true);
    expect(handleKey(s, { key: 'ArrowRight', shiftKey: true })).toBe(true);
    expect(layer(s, 'icon').x).toBe(x + 11);
    executeAction(s, 'undo');
    expect(layer(s, 'icon').x).toBe(x + 1);
    s.apply((d) => updateLayer(d, id('icon'), { locked: true }));
    expect(handleKey(s, { key: 'ArrowDown' })).toBe(false);
  });

  it('duplicates, copies and pastes with new ids above the originals, and selects the copies', () => {
    const s = store();
    const count = s.getState().document.layers.length;
    s.select([id('title')]);
    executeAction(s, 'duplicate');
    const [copy] = s.getState().session.selection;
    expect(copy).not.toBe('title');
    expect(s.getState().document.layers.at(-1)!.id).toBe(copy);
    expect(layer(s, copy!).x).toBe(layer(s, 'title').x + 16);
    s.select([id('icon')]);
    expect(handleKey(s, { key: 'c', ctrlKey: true })).toBe(true);
    expect(handleKey(s, { key: 'v', ctrlKey: true })).toBe(true);
    expect(handleKey(s, { key: 'v', ctrlKey: true })).toBe(true);
    expect(s.getState().document.layers.length).toBe(count + 3);
    const pasted = s.getState().document.layers.at(-1)!;
    expect(pasted.x).toBe(layer(s, 'icon').x + 32);
    executeAction(s, 'undo');
    executeAction(s, 'undo');
    executeAction(s, 'undo');
    expect(s.getState().document.layers.length).toBe(count);
  });

  it('brings forward and sends backward one step, and to front/back', () => {
    const s = store();
    const order = () => s.getState().document.layers.map((l) => l.id);
    const start = order();
    s.select([id('ring')]);
    executeAction(s, 'bringForward');
    expect(order().indexOf(id('ring'))).toBe(1);
    executeAction(s, 'bringToFront');
    expect(order().at(-1)).toBe('ring');
    executeAction(s, 'sendToBack');
    expect(order()[0]).toBe('ring');
    expect(executeAction(s, 'sendBackward')).toBe(false);
    expect(order()).toEqual(start);
  });

  it('select all skips hidden and locked layers; undo and redo are disabled when there is nothing to do', () => {
    const s = store();
    s.apply((d) => updateLayer(d, id('ring'), { hidden: true }), { history: 'ignore' });
    expect(executeAction(s, 'undo')).toBe(false);
    executeAction(s, 'selectAll');
    expect(s.getState().session.selection).not.toContain('ring');
    expect(s.getState().session.selection.length).toBe(s.getState().document.layers.length - 1);
  });

  it('maps shortcuts per platform and shows them', () => {
    expect(actionForKey({ key: 'z', metaKey: true }, true)?.name).toBe('undo');
    expect(actionForKey({ key: 'Z', ctrlKey: true, shiftKey: true })?.name).toBe('redo');
    expect(actionForKey({ key: 'z', ctrlKey: true }, true)).toBeUndefined();
    expect(shortcutLabel({ key: 'z', mod: true, shift: true })).toBe('Ctrl+Shift+Z');
    expect(shortcutLabel({ key: 'z', mod: true, shift: true }, true)).toBe('⌘⇧Z');
  });
});
