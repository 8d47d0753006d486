/** The three lines of the DESIGN §3 / issue acceptance example: net 379.00, tax 75.34, withheld 45.00, total 409.34. */
export const acceptanceLines = [
  {
    description: 'Consultoría (jornada)',
    quantity: '2',
    unitPrice: '150.00',
    taxes: [
      { type: 'IVA', rate: '21' },
      { type: 'IRPF', rate: '15' },
    ],
  },
  {
    description: 'Licencia mensual',
    quantity: '3',
    unitPrice: '20.00',
    discountRate: '10',
    taxes: [{ type: 'IVA', rate: '21' }],
  },
  {
    description: 'Libro técnico',
    quantity: '1',
    unitPrice: '25.00',
    taxes: [{ type: 'IVA', rate: '4' }],
  },
];
