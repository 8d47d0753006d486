export * from './create-work-order.ts';
export * from './get-work-order.ts';
export * from './list-work-orders.ts';
export * from './model.ts';
export * from './update-work-order.ts';
