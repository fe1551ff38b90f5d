// Engage's id format lives with the loaders that read it (src/loaders/ids); resolvers read ids
// through `ctx.loaders.ids`, which picks the platform's format.
export { parseId, parseIds } from '../../loaders/ids/engageIds.js';
