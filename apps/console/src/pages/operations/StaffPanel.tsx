import { Badge, Button, Checkbox, Group, Modal, Paper, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, query, type ApiError } from '../../api/client';
import type { Role } from '../../auth/session';
import { useCursorList } from '../../lib/cursor-list';
import { placeRefusal } from '../../lib/refusal';
import { LoadMore } from '../../ui/LoadMore';
import { notify } from '../../ui/notify';
import { ErrorAlert, QueryState } from '../../ui/Page';
import { operationsKeys, ROLES, staffPage, type StaffAccount } from './operations-api';

/** The fields of POST /staff, to place each refusal next to its field. */
const STAFF_FIELDS = ['email', 'name', 'roles', 'password'] as const;

/** The id derives from the email: a taken email is that field's refusal. */
const emailTaken = (error: ApiError) => (error.code === 'STAFF_EMAIL_TAKEN' ? 'email' : undefined);

/** Waits (briefly, api.md "Conventions") until the staff list holds the write at `position`. */
async function caughtUp(position: number | null): Promise<void> {
  if (position === null) return;
  await api.get(`/staff${query({ limit: 1, consistent: true })}`, { headers: { 'x-min-position': String(position) } }).catch(() => undefined);
}

function RolesField({ value, onChange, error, label }: { value: Role[]; onChange: (roles: Role[]) => void; error?: string; label: string }) {
  return (
    <Checkbox.Group label={label} value={value} onChange={(roles) => onChange(roles as Role[])} error={error}>
      <Stack gap={6} mt={6}>
        {ROLES.map((role) => (
          <Checkbox key={role.value} value={role.value} label={role.label} description={role.description} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** POST /staff { email, name, roles, password } (admin). */
function CreateStaffForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['staff']);
  const create = useMutation({
    mutationFn: () => api.post<{ staffId: string; position: number | null }>('/staff', { name: name.trim(), email: email.trim(), roles, password }),
    onSuccess: async ({ position }) => {
      await caughtUp(position);
      notify('Staff account created', `${name.trim()} can now sign in as ${email.trim()}.`, 'teal.9');
      setName('');
      setEmail('');
      setPassword('');
      setRoles(['staff']);
      await queryClient.invalidateQueries({ queryKey: operationsKeys.staff });
    },
  });
  const { field: errors, other } = placeRefusal(create.error, STAFF_FIELDS, emailTaken);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="create-staff-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="create-staff-title">
          Add a staff account
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap="sm">
            <TextInput label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} error={errors.name} autoComplete="off" />
            <TextInput label="Email" type="email" value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={errors.email} autoComplete="off" />
            <PasswordInput
              label="Password"
              description="At least 12 characters; tell it to them apart from the email."
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
            />
          </Stack>
          <RolesField label="Roles" value={roles} onChange={setRoles} error={errors.roles} />
        </SimpleGrid>
        <ErrorAlert error={other} />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={create.isPending}>
            Create staff account
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** POST /staff/:staffId/roles { roles } in a dialog. */
function ChangeRolesDialog({ account, onClose }: { account: StaffAccount; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const change = useMutation({
    mutationFn: () => api.post<{ roles: Role[]; position: number | null }>(`/staff/${account.staffId}/roles`, { roles }),
    onSuccess: async (answer) => {
      await caughtUp(answer.position);
      notify('Roles changed', `${account.name} now has: ${answer.roles.join(', ')}.`, 'teal.9');
      await queryClient.invalidateQueries({ queryKey: operationsKeys.staff });
      onClose();
    },
  });
  const { field: errors, other } = placeRefusal(change.error, ['roles']);
  return (
    <Modal opened onClose={onClose} title={`Roles of ${account.name}`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate();
        }}
      >
        <Stack gap="sm">
          <RolesField label="Roles" value={roles} onChange={setRoles} error={errors.roles} />
          <ErrorAlert error={other} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending} disabled={change.isPending}>
              Save roles
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** GET /staff, a page at a time, with each account's roles. */
export function StaffPanel() {
  const [editing, setEditing] = useState<StaffAccount | null>(null);
  // Accounts change rarely, but another admin may add one; a slow projection catches up here too.
  const { list: staff, items: accounts } = useCursorList({ queryKey: operationsKeys.staff, page: staffPage, refetchInterval: 10_000 });
  return (
    <Stack gap="sm" component="section" aria-labelledby="staff-title">
      <Title order={2} size="h3" id="staff-title">
        Staff accounts and roles
      </Title>
      <QueryState loading={staff.isPending} error={staff.error}>
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label="Staff accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Roles</Table.Th>
                <Table.Th>Created on</Table.Th>
                <Table.Th>Roles changed on</Table.Th>
                <Table.Th>Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.map((account) => (
                <Table.Tr key={account.staffId}>
                  <Table.Td>{account.name}</Table.Td>
                  <Table.Td>{account.email}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {account.roles.map((role) => (
                        <Badge key={role} variant="light" color="dark">
                          {role}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{account.createdOn}</Table.Td>
                  <Table.Td>{account.rolesChangedOn ?? '–'}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditing(account)} aria-label={`Change roles of ${account.name}`}>
                      Change roles
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {accounts.length === 0 && <Text>No staff accounts yet.</Text>}
        <LoadMore list={staff} />
      </QueryState>
      <CreateStaffForm />
      {editing && <ChangeRolesDialog account={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
