import { Button, Modal, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** A button that opens its form in a dialog; the form is mounted only while open (fresh each time). */
export function ModalButton({
  label,
  title,
  size = 'md',
  buttonProps,
  children,
}: {
  label: string;
  title: string;
  size?: string;
  buttonProps?: ButtonProps & { 'aria-label'?: string };
  children: (close: () => void) => ReactNode;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" {...buttonProps} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} size={size} closeButtonProps={{ 'aria-label': 'Close' }}>
        {opened && children(close)}
      </Modal>
    </>
  );
}
