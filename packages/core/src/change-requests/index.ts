// Change requests on issued invoices: asked by staff, a system or the customer, resolved by
// staff performing the correction (rectify, cancel, split) or declining it with a reason.

export * from './create-change-request.ts';
export * from './ids.ts';
export * from './mail-texts.ts';
export * from './model.ts';
export * from './resolve-change-request.ts';
export * from './state.ts';
