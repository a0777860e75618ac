import { Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useId, type FormEvent, type ReactNode } from 'react';
import { FormFooter } from '../../ui/FormFooter';

/**
 * The frame of the audit and appeal document forms: a titled form, the fields given as
 * `children` beside where the document is filed and when it arrived, the refusal above the
 * button. The caller keeps the state and sends the command.
 */
export function DocumentFormShell({
  title,
  submitLabel,
  notDone,
  referenceHint,
  reference,
  receivedOn,
  refusal,
  pending,
  onSubmit,
  above,
  children,
}: {
  title: string;
  submitLabel: string;
  /** The alert's title when refused: "The document was not added". */
  notDone: string;
  referenceHint: string;
  reference: [string, (value: string) => void];
  receivedOn: [string, (value: string) => void];
  refusal: { field: Record<string, string>; general: string | null };
  pending: boolean;
  onSubmit: () => void;
  /** Fields on a line of their own, before the others. */
  above?: ReactNode;
  /** Fields before the reference, on its line. */
  children?: ReactNode;
}) {
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-labelledby={titleId}>
        <Stack gap="sm">
          <Title order={3} size="h5" id={titleId}>
            {title}
          </Title>
          {above}
          <Group grow align="flex-start">
            {children}
            <TextInput
              label="Filed at (reference)"
              description={referenceHint}
              value={reference[0]}
              onChange={(event) => reference[1](event.currentTarget.value)}
              error={refusal.field.reference}
            />
            <TextInput
              label="Received on"
              description="Empty: today"
              type="date"
              value={receivedOn[0]}
              onChange={(event) => receivedOn[1](event.currentTarget.value)}
              error={refusal.field.receivedOn}
            />
          </Group>
          <FormFooter general={refusal.general} refusedTitle={notDone} pending={pending} submit={submitLabel} />
        </Stack>
      </form>
    </Paper>
  );
}
