import type { TargetEmitter } from '../artifact.ts';
import { docsPages } from './pages.ts';
import { routingDoc } from './routing.ts';

/** Markdown for people, in out/docs/. */
export const docsTarget: TargetEmitter = {
  emit(model, expanded) {
    return [...docsPages(model, expanded), ...routingDoc(model, expanded)];
  },
};
