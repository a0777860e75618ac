import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FormFooterProps {
  /** The refusal no field holds, shown above the buttons. */
  general: string | null;
  /** What did not happen ("The audit was not closed"), as the refusal's title. */
  refusedTitle?: string;
  pending: boolean;
  submit: string;
  /** A dialog's Cancel; forms on a page have none. */
  onCancel?: () => void;
  extra?: ReactNode;
}

/** Every form's last lines: the refusal no field holds, then its buttons, submit disabled while the command is under way. */
export function FormFooter({ general, refusedTitle, pending, submit, onCancel, extra }: FormFooterProps) {
  return (
    <>
      {general && (
        <Alert variant="outline" color="red.9" role="alert" title={refusedTitle}>
          {general}
        </Alert>
      )}
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
        {extra}
        <Button type="submit" loading={pending} disabled={pending}>
          {submit}
        </Button>
      </Group>
    </>
  );
}
