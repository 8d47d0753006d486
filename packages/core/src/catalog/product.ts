import type { Page, PageRequest } from '../shared/page.ts';
import type { LineTax, TaxObject } from '../taxes/model.ts';

/** Mexican tenants' SAT keys, carried to the invoice lines made from the product. */
export interface SatKeys {
  /** c_ClaveProdServ, 8 digits. */
  satProductKey?: string;
  /** c_ClaveUnidad, e.g. "H87". */
  satUnitKey?: string;
  /** c_ObjetoImp "01".."04". */
  taxObject?: TaxObject;
}

export interface Product extends SatKeys {
  id: string;
  tenantId: string;
  /** Unique among the tenant's live products (an SKU); freed when the product is deleted. */
  code: string;
  description: string;
  /** Catalog price without taxes, up to 6 decimals. */
  unitPrice: string;
  unit?: string;
  /** Always a combination the tax engine accepts on an invoice line. */
  taxes: LineTax[];
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Soft delete: invoices keep naming the product, lists, reads and new lines stop using it. */
  deletedAt?: string;
}

export interface ProductInput extends SatKeys {
  code: string;
  description: string;
  unitPrice: string;
  unit?: string;
  taxes: LineTax[];
}

export type ProductPatch = Partial<ProductInput>;

export interface ProductRepository {
  /** Claims the code too; ConflictError when the code or the id is taken. */
  create(product: Product): Promise<void>;
  /** Returns soft-deleted products too; callers decide. */
  get(tenantId: string, id: string): Promise<Product | undefined>;
  /** The products found among `ids` (deleted ones included), in any order, one read round. */
  getMany(tenantId: string, ids: readonly string[]): Promise<Product[]>;
  /** Live products only, oldest first. */
  list(tenantId: string, page: PageRequest): Promise<Page<Product>>;
  /**
   * Writes `next` only if the stored version is still `previous.version` (else
   * PreconditionFailedError), moving the code claim with it: to the new code when it changed
   * (ConflictError when taken), released when `next` is deleted.
   */
  update(next: Product, previous: Product): Promise<void>;
}

const taxView = (t: LineTax): LineTax => ({
  type: t.type,
  rate: t.rate,
  ...(t.exemption ? { exemption: t.exemption } : {}),
  ...(t.notSubject ? { notSubject: t.notSubject } : {}),
  ...(t.withheld ? { withheld: t.withheld } : {}),
  ...(t.exempt ? { exempt: t.exempt } : {}),
});

/** The shape clients see, in a stable field order; internal fields stay inside. */
export function productView(p: Product) {
  return {
    id: p.id,
    code: p.code,
    description: p.description,
    unitPrice: p.unitPrice,
    ...(p.unit ? { unit: p.unit } : {}),
    taxes: p.taxes.map(taxView),
    ...(p.satProductKey ? { satProductKey: p.satProductKey } : {}),
    ...(p.satUnitKey ? { satUnitKey: p.satUnitKey } : {}),
    ...(p.taxObject ? { taxObject: p.taxObject } : {}),
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
