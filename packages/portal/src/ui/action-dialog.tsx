import type { ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * A button that opens a modal dialog with a title (React Aria: focus kept inside, Escape and
 * the close button dismiss it, focus goes back to the button). `children` gets `close` for the
 * dialog's own form to call once its action succeeded.
 */
export function ActionDialog({
  label,
  title,
  buttonClassName = 'button secondary',
  isDisabled,
  closeLabel,
  children,
}: {
  label: string;
  title: string;
  buttonClassName?: string;
  isDisabled?: boolean;
  /** The dismiss button's label ("Cancel" by default). */
  closeLabel?: string;
  children: (close: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className={buttonClassName} isDisabled={isDisabled}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <div className="dialog-header">
                  <Heading slot="title">{title}</Heading>
                  <Button className="button secondary compact" onPress={close}>
                    {closeLabel ?? t('form.cancel')}
                  </Button>
                </div>
                {children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
