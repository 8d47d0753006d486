import type { ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { FormAlert } from '../ui/fields.tsx';
import type { useApiForm } from './use-form.ts';

/**
 * A form of `useApiForm`: its errors beside their fields (React Aria's `validationErrors`),
 * the rest above it, and errors dropped from a field as it is edited.
 */
export function ApiForm({
  form,
  children,
}: {
  form: ReturnType<typeof useApiForm>;
  children: ReactNode;
}) {
  return (
    <>
      <FormAlert messages={form.alerts} />
      <Form
        ref={form.formRef}
        validationBehavior="aria"
        validationErrors={form.errors}
        onSubmit={(e) => void form.onSubmit(e)}
      >
        <div className="form" onInput={form.onInput}>
          {children}
        </div>
      </Form>
    </>
  );
}
