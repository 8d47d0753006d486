import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import type { FieldProps } from './fields.tsx';

/**
 * One choice among a few options, all in view (radio buttons), submitted with the form under
 * `name`. For long lists a select would fit better; it is not here yet because its listbox and
 * overlay weigh more than every page so far together.
 */
export function ChoiceField({
  name,
  label,
  options,
  defaultValue,
  onChange,
}: FieldProps & {
  options: ReadonlyArray<{ id: string; label: string; lang?: string }>;
  /** Told of each choice, for a form whose other fields depend on it. */
  onChange?: (value: string) => void;
}) {
  return (
    <RadioGroup
      className="field choice"
      name={name}
      orientation="horizontal"
      {...(defaultValue ? { defaultValue } : {})}
      {...(onChange ? { onChange } : {})}
    >
      <Label>{label}</Label>
      <div className="choices">
        {options.map((o) => (
          <Radio
            key={o.id}
            value={o.id}
            className="choice-option"
            {...(o.lang ? { lang: o.lang } : {})}
          >
            {o.label}
          </Radio>
        ))}
      </div>
      <FieldError className="field-error" />
    </RadioGroup>
  );
}
