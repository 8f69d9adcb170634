import type { Emitter } from '../artifact.ts';
import { docsPages } from './pages.ts';
import { routingDoc } from './routing.ts';

/** Markdown for people, in out/docs/. */
export const docsEmitter: Emitter = {
  id: 'docs',
  emit(model) {
    return [...docsPages(model), ...routingDoc(model)];
  },
};
