import type { UiAction, UiAnswer, UiConfig, UiState } from '../../../src/kiosk/ui/ui-types.js';

// The terminal's local API (never the center): relative URLs, so any mount prefix works.

export type { UiAction, UiConfig, UiState };

export const getConfig = async (): Promise<UiConfig> =>
  (await fetch('api/config')).json() as Promise<UiConfig>;

/** The state once it is newer than `after` (long poll; the server answers within 15 s). */
export const getState = async (after: number): Promise<UiState> => {
  const r = await fetch(`api/state?after=${after}`, { cache: 'no-store' });
  if (!r.ok) throw new Error(`state ${r.status}`);
  return (await r.json()) as UiState;
};

export const act = async (a: UiAction): Promise<UiAnswer> => {
  const r = await fetch('api/action', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(a),
  });
  return (await r.json()) as UiAnswer;
};
