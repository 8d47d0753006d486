/**
 * VERI*FACTU billing records (RD 1007/2023, Orden HAC/1177/2024). Every value is kept as the exact
 * string written in the record XML: the huella is computed over those strings, so they are never
 * re-formatted after the record is generated.
 */

/** What chains a record to the one generated before it (Encadenamiento/RegistroAnterior). */
export interface ChainLink {
  IDEmisorFactura: string;
  NumSerieFactura: string;
  FechaExpedicionFactura: string;
  Huella: string;
}

/** The software's own identity (SistemaInformatico), the same in every record. */
export interface SistemaInformatico {
  NombreRazon: string;
  NIF: string;
  NombreSistemaInformatico: string;
  IdSistemaInformatico: string;
  Version: string;
  NumeroInstalacion: string;
  TipoUsoPosibleSoloVerifactu: 'S' | 'N';
  TipoUsoPosibleMultiOT: 'S' | 'N';
  IndicadorMultiplesOT: 'S' | 'N';
}

export interface DetalleDesglose {
  /** 01 IVA, 02 IPSI, 03 IGIC, 05 other. */
  Impuesto: '01' | '02' | '03' | '05';
  ClaveRegimen: string;
  CalificacionOperacion?: 'S1' | 'S2' | 'N1' | 'N2';
  OperacionExenta?: 'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'E6';
  TipoImpositivo?: string;
  BaseImponibleOimporteNoSujeto: string;
  CuotaRepercutida?: string;
  TipoRecargoEquivalencia?: string;
  CuotaRecargoEquivalencia?: string;
}

export interface IDFactura {
  IDEmisorFactura: string;
  NumSerieFactura: string;
  FechaExpedicionFactura: string;
}

export type Destinatario =
  | { NombreRazon: string; NIF: string }
  | { NombreRazon: string; IDOtro: { CodigoPais: string; IDType: string; ID: string } };

/** RegistroAlta: generated when an invoice (or a corrective) is issued. */
export interface RegistroAlta {
  kind: 'alta';
  IDVersion: '1.0';
  IDFactura: IDFactura;
  NombreRazonEmisor: string;
  /**
   * A correction (subsanación) of a record generated earlier for the same invoice: S. Absent on
   * an invoice's first record (AEAT reads absent as N).
   */
  Subsanacion?: 'S';
  /**
   * With Subsanacion: X when AEAT rejected the earlier record and holds none for the invoice
   * ("alta por rechazo"), S when AEAT holds the invoice and rejected a later correction of it.
   * Absent otherwise (AEAT Validaciones v1.2.2 §3.1.3.2 and annex 6.1).
   */
  RechazoPrevio?: 'S' | 'X';
  /** F1 invoice, F2 simplified, R1–R5 corrective. */
  TipoFactura: 'F1' | 'F2' | 'F3' | 'R1' | 'R2' | 'R3' | 'R4' | 'R5';
  /** Correctives: S by substitution, I by differences. */
  TipoRectificativa?: 'S' | 'I';
  FacturasRectificadas?: IDFactura[];
  /** F3: the simplified invoices the complete one replaces (IDFacturaSustituida). */
  FacturasSustituidas?: IDFactura[];
  ImporteRectificacion?: { BaseRectificada: string; CuotaRectificada: string };
  DescripcionOperacion: string;
  Destinatarios?: Destinatario[];
  Desglose: DetalleDesglose[];
  CuotaTotal: string;
  ImporteTotal: string;
  /** Absent on the tenant's first record (PrimerRegistro = S). */
  RegistroAnterior?: ChainLink;
  SistemaInformatico: SistemaInformatico;
  FechaHoraHusoGenRegistro: string;
  TipoHuella: '01';
  Huella: string;
}

/** RegistroAnulacion: generated when an invoice issued in error is voided. */
export interface RegistroAnulacion {
  kind: 'anulacion';
  IDVersion: '1.0';
  IDFactura: {
    IDEmisorFacturaAnulada: string;
    NumSerieFacturaAnulada: string;
    FechaExpedicionFacturaAnulada: string;
  };
  RegistroAnterior?: ChainLink;
  SistemaInformatico: SistemaInformatico;
  FechaHoraHusoGenRegistro: string;
  TipoHuella: '01';
  Huella: string;
}

export type BillingRecord = RegistroAlta | RegistroAnulacion;

/** The link the next record will carry: this record's invoice identity and huella. */
export function linkOf(record: BillingRecord): ChainLink {
  return record.kind === 'alta'
    ? { ...record.IDFactura, Huella: record.Huella }
    : {
        IDEmisorFactura: record.IDFactura.IDEmisorFacturaAnulada,
        NumSerieFactura: record.IDFactura.NumSerieFacturaAnulada,
        FechaExpedicionFactura: record.IDFactura.FechaExpedicionFacturaAnulada,
        Huella: record.Huella,
      };
}
