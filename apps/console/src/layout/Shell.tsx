import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useSession, type Role } from '../auth/session';

interface NavItem {
  to: string;
  label: string;
  /** Who sees the link; absent: every signed-in role. */
  roles?: Role[];
}

/** The pages of the console, in the order of the team's day. */
export const NAV: NavItem[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/certificants', label: 'Certificants' },
  { to: '/imports', label: 'Imports', roles: ['staff'] },
  { to: '/audits', label: 'Audits' },
  { to: '/appeals', label: 'Appeals' },
  { to: '/certificates', label: 'Certificates' },
  { to: '/reports', label: 'Reports' },
  { to: '/operations', label: 'Operations', roles: ['admin'] },
];

export function Shell({ children }: { children: ReactNode }) {
  const [opened, { toggle }] = useDisclosure();
  const { staff, can, signOut } = useSession();
  const path = useRouterState({ select: (state) => state.location.pathname });
  const active = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Text component="span" fw={700} size="xl">
              Recert
            </Text>
          </Group>
          <Group>
            <Stack gap={0} align="flex-end">
              <Text size="sm" fw={500}>
                {staff?.name}
              </Text>
              <Text size="xs" c="gray.7">
                {staff?.roles.join(', ')}
              </Text>
            </Stack>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {NAV.filter((item) => !item.roles || can(...item.roles)).map((item) => (
          <NavLink key={item.to} component={Link} to={item.to} label={item.label} active={active(item.to)} variant="filled" />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
