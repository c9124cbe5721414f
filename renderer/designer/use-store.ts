import { useSyncExternalStore } from 'react';
import type { DesignStore, DesignerState } from './store.js';

/** The designer's state in a React component (re-renders on every store change). */
export function useDesignerState(store: DesignStore): DesignerState {
  return useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.getState(),
  );
}
