import { MAX_ZOOM, MIN_ZOOM } from '../store.js';
import type { Action } from './types.js';

const STEP = 1.25;

export const actionZoomIn: Action = {
  name: 'zoomIn',
  label: 'designer.action.zoomIn',
  shortcuts: [
    { key: '=', mod: true },
    { key: '+', mod: true },
  ],
  enabled: (state) => state.session.zoom < MAX_ZOOM,
  perform(store) {
    store.setSession({ zoom: store.getState().session.zoom * STEP });
    return true;
  },
};

export const actionZoomOut: Action = {
  name: 'zoomOut',
  label: 'designer.action.zoomOut',
  shortcuts: [{ key: '-', mod: true }],
  enabled: (state) => state.session.zoom > MIN_ZOOM,
  perform(store) {
    store.setSession({ zoom: store.getState().session.zoom / STEP });
    return true;
  },
};

export const actionZoomReset: Action = {
  name: 'zoomReset',
  label: 'designer.action.zoomReset',
  shortcuts: [{ key: '0', mod: true }],
  enabled: (state) => state.session.zoom !== 1,
  perform(store) {
    store.setSession({ zoom: 1 });
    return true;
  },
};

export const actionHandTool: Action = {
  name: 'handTool',
  label: 'designer.action.handTool',
  shortcuts: [{ key: 'h' }],
  enabled: () => true,
  perform(store) {
    const tool = store.getState().session.tool;
    store.setSession({ tool: tool === 'hand' ? 'select' : 'hand' });
    return true;
  },
};

export const viewActions = [actionZoomIn, actionZoomOut, actionZoomReset, actionHandTool];
