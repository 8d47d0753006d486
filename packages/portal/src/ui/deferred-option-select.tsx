import {
  type ComponentProps,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { OptionSelect } from './option-select.tsx';

type Props = ComponentProps<typeof OptionSelect>;

/**
 * React Aria's Select with its listbox, popover and collections is ≈45 KB gzipped and costs a
 * render of every option in each select: more than a page of filters or a draft's form needs to
 * be shown. It is loaded with the person's first interaction with the page (a press, a key, a
 * focus), and until then each select is drawn as what it looks like closed.
 */
let loaded: typeof OptionSelect | undefined;
let asked = false;
const listeners = new Set<() => void>();
const EVENTS = ['pointerdown', 'keydown', 'focusin'] as const;

function load() {
  if (asked) return;
  asked = true;
  stopListening();
  void import('./option-select.tsx').then(({ OptionSelect }) => {
    loaded = OptionSelect;
    for (const listener of listeners) listener();
  });
}

function stopListening() {
  for (const type of EVENTS) document.removeEventListener(type, load, { capture: true });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!asked)
    for (const type of EVENTS)
      document.addEventListener(type, load, { capture: true, passive: true });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) stopListening();
  };
}

const OPENING_KEYS = new Set(['Enter', ' ', 'ArrowDown', 'ArrowUp']);

/**
 * `OptionSelect`, drawn closed until React Aria's Select is loaded. A press on it before then
 * opens the real one as soon as it is there, with the focus where the person left it.
 */
export function DeferredOptionSelect(props: Props) {
  const Select = useSyncExternalStore(subscribe, () => loaded);
  const labelId = useId();
  const valueId = useId();
  const descriptionId = useId();
  // A press before React Aria's Select was there: it opens once that has mounted with the focus,
  // so that closing it gives the focus back to it.
  const [pressed, setPressed] = useState(false);
  const [isOpen, setOpen] = useState(false);
  const focused = useRef(false);
  const chosen = props.options.find((o) => o.id === props.value);
  // Without a choice or a placeholder, the words shown are React Aria's own: load it now.
  const unworded = !chosen && !props.placeholder;
  useEffect(() => {
    if (unworded) load();
  }, [unworded]);
  useEffect(() => {
    if (Select && pressed) setOpen(true);
  }, [Select, pressed]);
  if (Select)
    return (
      <Select
        {...props}
        isOpen={isOpen}
        onOpenChange={(open) => {
          setOpen(open);
          props.onOpenChange?.(open);
        }}
        autoFocus={focused.current || pressed}
      />
    );
  const press = () => {
    setPressed(true);
    load();
  };
  return (
    <div className={`field ${props.className ?? ''}`}>
      <span className="react-aria-Label" id={labelId}>
        {props.label}
      </span>
      <button
        type="button"
        className="select-button"
        aria-labelledby={`${valueId} ${labelId}`}
        aria-describedby={props.description ? descriptionId : undefined}
        aria-haspopup="listbox"
        aria-expanded="false"
        onPointerDown={(e) => {
          if (e.button === 0) press();
        }}
        onClick={press}
        onKeyDown={(e: KeyboardEvent) => {
          if (!OPENING_KEYS.has(e.key)) return;
          e.preventDefault();
          press();
        }}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
        }}
      >
        <span
          id={valueId}
          className="select-value"
          {...(chosen ? {} : { 'data-placeholder': 'true' })}
        >
          {chosen?.label ?? props.placeholder}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      {props.description ? (
        <span className="react-aria-Text" slot="description" id={descriptionId}>
          {props.description}
        </span>
      ) : null}
      {/* In the form's data under its name, as the real one's hidden <select> puts it. */}
      <input type="hidden" name={props.name} value={props.value ?? ''} />
    </div>
  );
}
