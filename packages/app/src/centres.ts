import * as core from '@sello/core/centres';
import { systemClock, ulidIds } from '@sello/core/ports';
import { cachedProfile } from './invoices.ts';
import { repositories } from './repositories.ts';

/** Work centres. */
const r = () => repositories();
const deps = () => ({
  centres: r().centres,
  series: cachedProfile().series,
  clock: systemClock,
  ids: ulidIds,
});

export const createCentre = () => core.createCentre(deps());

export const getCentre = () => core.getCentre({ centres: r().centres });

export const listCentres = () => core.listCentres({ centres: r().centres });

export const updateCentre = () => core.updateCentre(deps());
