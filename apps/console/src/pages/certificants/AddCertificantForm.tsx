import { Button, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useCertificantCommand } from './command';
import { FormFooter } from '../../ui/FormFooter';

const FIELDS = ['firstName', 'lastName', 'email', 'memberId'] as const;

/** POST /certificants: a new account, then its page. */
export function AddCertificantButton() {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button onClick={open}>Add certificant</Button>
      <Modal opened={opened} onClose={close} title="Add a certificant" closeButtonProps={{ 'aria-label': 'Close' }}>
        {opened && <AddCertificantForm onClose={close} />}
      </Modal>
    </>
  );
}

function AddCertificantForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [form, setForm] = useState({
    firstName: '',
    lastName: '',
    email: '',
    memberId: '',
  });
  const command = useCertificantCommand({
    send: (body: typeof form) =>
      api.post<{ certificantId: string; position: number | null }>('/certificants', {
        firstName: body.firstName.trim(),
        lastName: body.lastName.trim(),
        email: body.email.trim(),
        ...(body.memberId.trim() ? { memberId: body.memberId.trim() } : {}),
      }),
    fields: FIELDS,
    success: (_answer, body) => `${body.firstName} ${body.lastName} was added.`,
    onDone: (answer) => {
      onClose();
      void navigate({
        to: '/certificants/$certificantId',
        params: { certificantId: answer.certificantId },
      });
    },
  });
  const field = (name: (typeof FIELDS)[number]) => ({
    value: form[name],
    onChange: (event: { currentTarget: { value: string } }) => setForm({ ...form, [name]: event.currentTarget.value }),
    error: command.refusal.fields[name],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    command.mutate(form);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label="First name" required {...field('firstName')} data-autofocus />
        <TextInput label="Last name" required {...field('lastName')} />
        <TextInput label="Email" type="email" required {...field('email')} />
        <TextInput label="Member ID" description="Optional" {...field('memberId')} />
        <FormFooter general={command.refusal.general} pending={command.isPending} submit="Save certificant" onCancel={onClose} />
      </Stack>
    </form>
  );
}
