import { Alert, Center, Group, Loader, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** A page: its one h1, actions beside it, then the content. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions && <Group>{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}

/** What a query shows while it loads or when it failed (the API's sentence, never a stack). */
export function QueryState({ loading, error, children }: { loading: boolean; error: unknown; children: ReactNode }) {
  if (error) return <ErrorAlert error={error} />;
  if (loading) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  return <>{children}</>;
}

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" role="alert" title={error instanceof ApiError ? error.code : 'Error'}>
      {message}
    </Alert>
  );
}
