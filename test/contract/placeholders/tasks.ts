import { useTaskScheduler } from '@sello/app/platform';
import {
  InMemoryScheduleStore,
  LocalSchedulerPort,
} from '../../../packages/local/src/scheduler/index.ts';
import { aCustomer } from '../../support/api.ts';
import type { Realise } from './context.ts';

// Task handlers keep one schedule per task: here they go to a store in memory (no loop fires them).
useTaskScheduler(new LocalSchedulerPort(new InMemoryScheduleStore()));

/**
 * Placeholders of the tasks area's sample events. A task id (`tsk_01kaexample…`) becomes the task
 * of events/http/create-task.json made for a new customer, so a run of its sample occurrence
 * (2027-01-31 09:00 Madrid, a month end) is valid; a work order id (`wo_01kaexample…`) a new order.
 */
export const realiseTasks: Realise = async (event, { api, tenant, load }) => {
  let out = event;
  const newCustomer = async () =>
    (await api.call('POST', '/v1/customers', { key: tenant.key, body: aCustomer() })).json
      .id as string;
  if (out.includes('tsk_01kaexample')) {
    const customerId = await newCustomer();
    const sample = JSON.parse(load('http/create-task.json').body);
    const assets = Object.values(sample.assets)[0];
    const body = { ...sample, customerIds: [customerId], assets: { [customerId]: assets } };
    const res = await api.call('POST', '/v1/tasks', { key: tenant.key, body });
    if (res.status !== 201) throw new Error(`task not created: ${res.text}`);
    out = out.replaceAll(/tsk_01kaexample\w+/g, res.json.id);
  }
  if (out.includes('wo_01kaexample')) {
    const customerId = await newCustomer();
    const sample = JSON.parse(load('http/create-work-order.json').body);
    const res = await api.call('POST', '/v1/work-orders', {
      key: tenant.key,
      body: { ...sample, customerId },
    });
    if (res.status !== 201) throw new Error(`work order not created: ${res.text}`);
    out = out.replaceAll(/wo_01kaexample\w+/g, res.json.id);
  }
  return out;
};
