import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';

/**
 * The shell's ChoiceField (radio buttons submitted under `name`, same markup and styles) that
 * also says when the choice changes: React Aria's radios stop their change event, so a form
 * that shows fields by a choice (a CFDI's substitute for reason 01, taxes for ObjetoImp 02)
 * listens here.
 */
export function ChoiceWithChange({
  name,
  label,
  options,
  defaultValue,
  onChange,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<{ id: string; label: string }>;
  defaultValue: string;
  onChange: (value: string) => void;
}) {
  return (
    <RadioGroup
      className="field choice"
      name={name}
      orientation="horizontal"
      defaultValue={defaultValue}
      onChange={onChange}
    >
      <Label>{label}</Label>
      <div className="choices">
        {options.map((o) => (
          <Radio key={o.id} value={o.id} className="choice-option">
            {o.label}
          </Radio>
        ))}
      </div>
      <FieldError className="field-error" />
    </RadioGroup>
  );
}
