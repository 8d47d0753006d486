import type { SistemaInformatico } from './record.ts';

/**
 * Sello's identity as a billing system (SistemaInformatico). One platform serves many taxpayers,
 * hence TipoUsoPosibleMultiOT and IndicadorMultiplesOT = S. The producer's name and NIF and the
 * installation number come from configuration per deployment.
 */
export function sistemaInformatico(config: {
  producerName: string;
  producerNif: string;
  version: string;
  installation: string;
}): SistemaInformatico {
  return {
    NombreRazon: config.producerName,
    NIF: config.producerNif,
    NombreSistemaInformatico: 'Sello',
    IdSistemaInformatico: 'SE',
    Version: config.version,
    NumeroInstalacion: config.installation,
    TipoUsoPosibleSoloVerifactu: 'S',
    TipoUsoPosibleMultiOT: 'S',
    IndicadorMultiplesOT: 'S',
  };
}
