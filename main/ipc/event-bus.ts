/** Push events from handlers to whichever transport is listening (Electron webContents or loopback streams). */
export interface EventBus {
  emit(event: string, payload: unknown): void;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
