import { NotFoundError, PreconditionFailedError, ValidationError } from '../errors.ts';
import { chooseSeries } from '../invoices/list-series.ts';
import type { SeriesRepository } from '../invoices/series.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type {
  Centre,
  CentreInput,
  CentrePatch,
  CentreRepository,
  CentreSnapshot,
} from './model.ts';

export interface CentreDeps {
  centres: CentreRepository;
  series: SeriesRepository;
  clock: Clock;
  ids: IdGenerator;
}

/** A ValidationError on `series` unless it names a standard series of the tenant. */
async function checkSeries(
  deps: Pick<CentreDeps, 'series' | 'clock'>,
  tenantId: string,
  code?: string | null,
) {
  if (code) await chooseSeries(deps)(tenantId, 'standard', code, 'series');
}

export const createCentre =
  (deps: CentreDeps) =>
  async (tenantId: string, input: CentreInput): Promise<Centre> => {
    await checkSeries(deps, tenantId, input.series);
    const now = deps.clock.now().toISOString();
    const centre: Centre = {
      id: deps.ids.next('ctr'),
      tenantId,
      name: input.name,
      address: input.address,
      ...(input.series ? { series: input.series } : {}),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await deps.centres.create(centre);
    return centre;
  };

export const getCentre =
  ({ centres }: Pick<CentreDeps, 'centres'>) =>
  async (tenantId: string, id: string): Promise<Centre> => {
    const centre = await centres.get(tenantId, id);
    if (!centre) throw new NotFoundError('Centre', id);
    return centre;
  };

export const listCentres =
  ({ centres }: Pick<CentreDeps, 'centres'>) =>
  (tenantId: string, page: PageRequest): Promise<Page<Centre>> =>
    centres.list(tenantId, page);

/** Changes a centre; `expectedVersion` (If-Match) guards against lost updates. */
export const updateCentre =
  (deps: Omit<CentreDeps, 'ids'>) =>
  async (
    tenantId: string,
    id: string,
    patch: CentrePatch,
    expectedVersion?: number,
  ): Promise<Centre> => {
    const current = await getCentre(deps)(tenantId, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Centre ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    await checkSeries(deps, tenantId, patch.series);
    const { series: _series, ...rest } = current;
    const series = patch.series === undefined ? current.series : (patch.series ?? undefined);
    const next: Centre = {
      ...rest,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.address !== undefined ? { address: patch.address } : {}),
      ...(series ? { series } : {}),
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.centres.update(next);
    return next;
  };

/**
 * The live centres among `ids`, or a ValidationError naming each unknown one under `path`
 * (e.g. `centreIds.2`, or `centreId` for one).
 */
export async function liveCentres(
  centres: Pick<CentreRepository, 'get'>,
  tenantId: string,
  ids: readonly string[],
  path: (index: number) => string,
): Promise<Centre[]> {
  const found = await Promise.all(ids.map((id) => centres.get(tenantId, id)));
  const errors = ids.flatMap((id, i) =>
    found[i] ? [] : [{ path: path(i), message: `No centre ${id}` }],
  );
  if (errors.length) throw new ValidationError('Unknown centre', errors);
  return found as Centre[];
}

/** What an invoice keeps of its centre. */
export const centreSnapshot = (c: Centre): CentreSnapshot => ({
  id: c.id,
  name: c.name,
  address: c.address,
});

/** The shape clients see. */
export const centreView = (c: Centre) => ({
  id: c.id,
  name: c.name,
  address: c.address,
  ...(c.series ? { series: c.series } : {}),
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
