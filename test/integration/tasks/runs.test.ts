import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { localScheduler, mailsTo, uniqueEmail } from './support.ts';

const api = await startApi();
localScheduler(api);
let key: string;

const customer = async (email: string, name: string) =>
  (await api.call('POST', '/v1/customers', { key, body: aCustomer({ email, name }) })).json
    .id as string;

const invoicesOf = async (taskId: string) =>
  (await api.call('GET', `/v1/invoices?taskId=${taskId}&limit=200`, { key })).json.items as Array<{
    id: string;
    status: string;
    customerId: string;
    number?: string;
    lines: Array<{ unitPrice: string }>;
    totals: { total: string };
    notes?: string;
    source: { taskId: string; occurrence: string };
  }>;

const run = (taskId: string, occurrence: string) =>
  api.call('POST', `/v1/tasks/${taskId}/run`, { key, body: { occurrence } });

// Month ends at 09:00 in Madrid: CET in winter (08:00Z), CEST from the end of March (07:00Z).
const JAN = '2027-01-31T08:00:00.000Z';
const FEB = '2027-02-28T08:00:00.000Z';
const MAR = '2027-03-31T07:00:00.000Z';

beforeAll(async () => {
  ({ key } = await createTenant('Climatización Levante SL'));
});

describe('running a task', () => {
  it('makes 3 invoices for 3 customers however often an occurrence runs, issues and mails them, and reports', async () => {
    const emails = [uniqueEmail('ana'), uniqueEmail('bernat'), uniqueEmail('carla')];
    const customerIds = [
      await customer(emails[0] as string, 'Ana García Pérez'),
      await customer(emails[1] as string, 'Bernat Puig Soler'),
      await customer(emails[2] as string, 'Carla Ruiz Gómez'),
    ];
    const owner = uniqueEmail('owner');
    const task = await api.call('POST', '/v1/tasks', {
      key,
      body: {
        name: 'Mantenimiento mensual',
        documentType: 'invoice',
        template: {
          lines: [
            {
              description: 'Cuota de mantenimiento',
              quantity: '1',
              unitPrice: '120.00',
              taxes: [{ type: 'IVA', rate: '21' }],
            },
          ],
          paymentMethod: {
            means: 'transfer',
            iban: 'ES91 2100 0418 4502 0005 1332',
            dueInDays: 30,
          },
          notes: 'Contrato de mantenimiento',
        },
        customerIds,
        assets: {
          [customerIds[0] as string]: [{ id: 'c1', name: 'Caldera Vaillant', serial: 'VT-1' }],
        },
        schedule: { expression: 'monthly', startDate: '2027-01-31T09:00' },
        delivery: { mode: 'createAndSend', formats: ['pdf', 'facturae', 'ubl'] },
        reportTo: owner,
      },
    });
    expect(task.status).toBe(201);
    const taskId = task.json.id as string;

    // The same occurrence twice at once, then once more later.
    const [a, b] = await Promise.all([run(taskId, JAN), run(taskId, JAN)]);
    const later = await run(taskId, JAN);
    for (const res of [a, b, later]) expect(res.status).toBe(200);
    const statuses = [a.json.status, b.json.status].sort();
    expect([...new Set(statuses)].every((s) => s === 'completed' || s === 'duplicate')).toBe(true);
    expect(a.json.created + b.json.created).toBe(3);
    expect([later.json.status, later.json.created, later.json.skipped, later.json.failed]).toEqual([
      'completed',
      0,
      3,
      0,
    ]);

    const first = await invoicesOf(taskId);
    expect(first).toHaveLength(3);
    expect(first.map((i) => i.customerId).sort()).toEqual([...customerIds].sort());
    for (const invoice of first) {
      expect(invoice.status).toBe('sent');
      expect(invoice.source).toEqual({ taskId, occurrence: JAN });
      expect(invoice.totals.total).toBe('145.20');
      expect(invoice.number).toMatch(/^F\d{4}-\d{6}$/);
    }
    const withAssets = first.find((i) => i.customerId === customerIds[0]);
    expect(withAssets?.notes).toBe(
      'Contrato de mantenimiento\n\nEquipos: Caldera Vaillant (n.º de serie VT-1)',
    );

    // Each customer got exactly one mail, with the three formats the task asks for.
    for (const [i, email] of emails.entries()) {
      const mails = await mailsTo(email);
      expect(mails).toHaveLength(1);
      const number = first.find((inv) => inv.customerId === customerIds[i])?.number;
      expect(mails[0]?.subject).toBe(`Factura ${number} de Climatización Levante SL`);
      expect(mails[0]?.attachments.map((x) => x.filename).sort()).toEqual([
        `${number}.pdf`,
        `${number}.ubl.xml`,
        `${number}.xsig`,
      ]);
      expect(mails[0]?.body.text).toContain('Adjuntos: PDF, Facturae y UBL.');
    }

    // The owner's report arrived in the local SES mail view, once for the occurrence.
    const reports = await mailsTo(owner);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.subject).toBe('Tarea «Mantenimiento mensual»: 3 facturas creadas');
    const text = reports[0]?.body.text ?? '';
    expect(text).toContain('en la ocurrencia del 31 de enero de 2027 a las 9:00 (Europe/Madrid).');
    expect(text).toContain(
      'Documentos creados: 3\nYa existentes (no se duplican): 0\nClientes con errores: 0',
    );
    expect(text).toContain(
      'Total de las facturas creadas: 435,60\u00a0€ (base 360,00\u00a0€, impuestos 75,60\u00a0€)',
    );
    expect(text).not.toContain('aún no está disponible');

    // Another occurrence makes 3 more.
    const next = await run(taskId, FEB);
    expect([next.status, next.json.created]).toEqual([200, 3]);
    const all = await invoicesOf(taskId);
    expect(all).toHaveLength(6);
    expect(all.filter((i) => i.source.occurrence === FEB)).toHaveLength(3);
    expect(await mailsTo(owner)).toHaveLength(2);

    // Every run is on record, newest occurrence first.
    const runs = await api.call('GET', `/v1/tasks/${taskId}/runs`, { key });
    expect(runs.json.items.map((r: { occurrence: string }) => r.occurrence)).toEqual([
      FEB,
      JAN,
      JAN,
      JAN,
    ]);
    const janRuns = await api.call(
      'GET',
      `/v1/tasks/${taskId}/runs?occurrence=${encodeURIComponent('2027-01-31T09:00:00+01:00')}`,
      { key },
    );
    expect(janRuns.json.items).toHaveLength(3);
    expect(janRuns.json.items.reduce((n: number, r: { created: number }) => n + r.created, 0)).toBe(
      3,
    );
  });

  it('takes catalog prices at run time: a price changed between occurrences shows in the next run', async () => {
    const product = await api.call('POST', '/v1/products', {
      key,
      body: {
        code: `REV-${Date.now()}`,
        description: 'Revisión preventiva',
        unitPrice: '80.00',
        taxes: [{ type: 'IVA', rate: '21' }],
      },
    });
    const plain = await customer(uniqueEmail('plain'), 'Cliente Catálogo');
    const special = await customer(uniqueEmail('special'), 'Cliente Precio Propio');
    await api.call('PUT', `/v1/customers/${special}/prices`, {
      key,
      body: { prices: [{ productId: product.json.id, unitPrice: '70.00' }] },
    });
    const task = await api.call('POST', '/v1/tasks', {
      key,
      body: {
        name: 'Revisiones',
        documentType: 'invoice',
        pricePolicy: 'catalog',
        template: { lines: [{ productId: product.json.id, quantity: '2' }] },
        customerIds: [plain, special],
        schedule: { expression: 'monthly', startDate: '2027-01-31T09:00' },
      },
    });
    const taskId = task.json.id as string;
    expect((await run(taskId, JAN)).json.created).toBe(2);
    const changed = await api.call('PATCH', `/v1/products/${product.json.id}`, {
      key,
      body: { unitPrice: '95.00' },
    });
    expect(changed.status).toBe(200);
    expect((await run(taskId, FEB)).json.created).toBe(2);

    const price = async (occurrence: string, customerId: string) =>
      (await invoicesOf(taskId)).find(
        (i) => i.source.occurrence === occurrence && i.customerId === customerId,
      )?.lines[0]?.unitPrice;
    expect(await price(JAN, plain)).toBe('80.00');
    expect(await price(FEB, plain)).toBe('95.00');
    // The customer's own price still wins over the catalog.
    expect(await price(JAN, special)).toBe('70.00');
    expect(await price(FEB, special)).toBe('70.00');
    // Created only, as asked: drafts, no mail.
    expect((await invoicesOf(taskId)).every((i) => i.status === 'draft')).toBe(true);
  });

  it('runs only instants the schedule has, in its time zone (month ends, daylight saving): else 422', async () => {
    const customerIds = [await customer(uniqueEmail('tz'), 'Cliente Horario')];
    const monthly = (
      await api.call('POST', '/v1/tasks', {
        key,
        body: {
          name: 'Fin de mes',
          documentType: 'invoice',
          template: {
            lines: [
              {
                description: 'Cuota',
                quantity: '1',
                unitPrice: '10',
                taxes: [{ type: 'IVA', rate: '21' }],
              },
            ],
          },
          customerIds,
          schedule: { expression: 'monthly', startDate: '2027-01-31T09:00', endDate: '2027-12-31' },
        },
      })
    ).json.id as string;
    // 31 March is after the spring change: 09:00 in Madrid is 07:00Z, not 08:00Z.
    expect((await run(monthly, MAR)).status).toBe(200);
    const wrong = await run(monthly, '2027-03-31T08:00:00Z');
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors[0].path).toBe('occurrence');
    expect((await run(monthly, '2027-02-27T08:00:00Z')).status).toBe(422); // not a month end
    expect((await run(monthly, '2026-12-31T08:00:00Z')).status).toBe(422); // before the start
    expect((await run(monthly, '2028-01-31T08:00:00Z')).status).toBe(422); // after the end
    // A future occurrence inside the window is fine.
    expect((await run(monthly, '2027-12-31T08:00:00Z')).status).toBe(200);

    const nightly = (
      await api.call('POST', '/v1/tasks', {
        key,
        body: {
          name: 'Nocturna',
          documentType: 'workOrder',
          template: { lines: [{ description: 'Copia de seguridad', quantity: '1' }] },
          customerIds,
          schedule: {
            expression: 'cron(30 2 * * ? *)',
            timezone: 'Europe/Madrid',
            startDate: '2027-03-01',
          },
        },
      })
    ).json.id as string;
    // 02:30 does not exist in Madrid on 28 March 2027; it does on the 27th (CET) and 29th (CEST).
    expect((await run(nightly, '2027-03-27T01:30:00Z')).status).toBe(200);
    expect((await run(nightly, '2027-03-28T01:30:00Z')).status).toBe(422);
    expect((await run(nightly, '2027-03-28T00:30:00Z')).status).toBe(422);
    expect((await run(nightly, '2027-03-29T00:30:00Z')).status).toBe(200);
    expect(
      (await api.call('POST', '/v1/tasks/tsk_missing/run', { key, body: { occurrence: MAR } }))
        .status,
    ).toBe(404);
  });
});
