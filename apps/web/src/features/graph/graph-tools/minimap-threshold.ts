/** Below this many nodes the whole graph fits the view and a minimap is only clutter. */
export const MINIMAP_MIN_NODES = 40;
