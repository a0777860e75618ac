import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** The refusal no field holds, above the buttons; submit disabled while the command is under way. */
export function FormFooter({ general, pending, submit, onCancel, extra }: { general: string | null; pending: boolean; submit: string; onCancel: () => void; extra?: ReactNode }) {
  return (
    <>
      {general && (
        <Alert color="red" role="alert">
          {general}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        {extra}
        <Button type="submit" loading={pending} disabled={pending}>
          {submit}
        </Button>
      </Group>
    </>
  );
}
