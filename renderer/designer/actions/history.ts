import type { Action } from './types.js';

export const actionUndo: Action = {
  name: 'undo',
  label: 'designer.action.undo',
  shortcuts: [{ key: 'z', mod: true, shift: false }],
  enabled: (_state, store) => store.canUndo,
  perform: (store) => store.undo(),
};

export const actionRedo: Action = {
  name: 'redo',
  label: 'designer.action.redo',
  shortcuts: [
    { key: 'z', mod: true, shift: true },
    { key: 'y', mod: true },
  ],
  enabled: (_state, store) => store.canRedo,
  perform: (store) => store.redo(),
};

export const historyActions = [actionUndo, actionRedo];
