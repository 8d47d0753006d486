import type { Key } from 'react-aria-components';
import {
  Button,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
} from 'react-aria-components';

export interface SelectOption {
  id: string;
  label: string;
}

/**
 * One choice from a list too long for radio buttons (React Aria's Select: a button with a
 * listbox). Named by the API's dotted path, so a problem+json error for it lands beside it
 * through the form's `validationErrors`; with `name` the choice is also in the form's data.
 */
export function OptionSelect({
  name,
  label,
  options,
  value,
  onChange,
  description,
  placeholder,
  isRequired,
  className,
  isOpen,
  onOpenChange,
  autoFocus,
}: {
  name: string;
  label: string;
  options: readonly SelectOption[];
  value: string | null;
  onChange: (value: string) => void;
  description?: string;
  placeholder?: string;
  isRequired?: boolean;
  className?: string;
  /** Its listbox opened from outside, and the focus on it from the start (see DeferredOptionSelect). */
  isOpen?: boolean;
  onOpenChange?: (isOpen: boolean) => void;
  autoFocus?: boolean;
}) {
  return (
    <Select
      className={`field ${className ?? ''}`}
      name={name}
      selectedKey={value}
      onSelectionChange={(key: Key | null) => {
        if (key !== null) onChange(String(key));
      }}
      isRequired={isRequired}
      {...(isOpen !== undefined ? { isOpen } : {})}
      {...(onOpenChange ? { onOpenChange } : {})}
      {...(autoFocus ? { autoFocus } : {})}
      {...(placeholder ? { placeholder } : {})}
    >
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue className="select-value" />
        <span aria-hidden="true">▾</span>
      </Button>
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(o) => (
            <ListBoxItem id={o.id} className="option" textValue={o.label}>
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
