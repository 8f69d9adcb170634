import { modelCheck } from './check.ts';

/** A scrape job needs targets to scrape: static ones, or a discovery that finds them. */
export const scrapeDiscovery = modelCheck({
  id: 'scrape/discovery',
  summary: "A service's scrape job has no way to find targets: no targets, fileSd, dnsSd or kubernetes.",
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const service of model.services) {
      const scrape = service.scrape;
      if (!scrape || scrape.targets.length > 0 || scrape.fileSd || scrape.dnsSd || scrape.kubernetes) continue;
      ctx.report({
        at: service.origin.keyAt('scrape'),
        message: `scrape job "${scrape.job}" has no targets and no discovery, so Prometheus scrapes nothing for it; list targets (host:port), or find them with fileSd, dnsSd or kubernetes`,
      });
    }
  },
});
