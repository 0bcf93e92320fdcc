// The controller's state as React state (an external store).
import { useSyncExternalStore } from '../vendor.js';
import type { UiController, UiState } from '../controller.js';

export function useController(c: UiController): UiState {
  return useSyncExternalStore(c.subscribe, c.getState, c.getState);
}
