import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { api, ApiError } from '../../api/client';
import { notify as showNotice } from '../../ui/notify';

/*
 * Pieces the audits and appeals pages share: a certificant's name from their profile, status
 * badges, and where a refusal of the API goes on a form (queues: ui/QueuePage.tsx).
 */

interface Profile {
  certificantId: string;
  name: string | null;
  email: string | null;
}

export function useCertificant(certificantId: string | null | undefined) {
  return useQuery({
    queryKey: ['audits-appeals', 'certificant', certificantId],
    queryFn: () => api.get<Profile>(`/certificants/${certificantId}`),
    enabled: !!certificantId,
    staleTime: 60_000,
  });
}

/** The certificant's name (their id while it loads or when it cannot be read). */
export function useCertificantName(certificantId: string | null | undefined): string {
  const { data } = useCertificant(certificantId);
  return data?.name ?? certificantId ?? '';
}

/** A link to the certificant's page. */
export function CertificantLink({ certificantId }: { certificantId: string }) {
  const name = useCertificantName(certificantId);
  return (
    // The certificants area owns that route; a plain path keeps this link independent of its typing.
    <Anchor component={Link} to={`/certificants/${certificantId}`}>
      {name}
    </Anchor>
  );
}

/** One labelled fact of a case (its certificant, cycle, status...). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={700}>
        {label}
      </Text>
      <Group gap="xs">{typeof children === 'string' ? <Text size="sm">{children}</Text> : children}</Group>
    </Stack>
  );
}

// Shades dark enough for AA contrast as text on white.
const STATUS_COLORS: Record<string, string> = {
  open: 'blue.8',
  filed: 'blue.8',
  passed: 'teal.9',
  granted: 'teal.9',
  failed: 'red.9',
  denied: 'red.9',
  accepted: 'teal.9',
  rejected: 'red.9',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray.8'} variant="outline">
      {status}
    </Badge>
  );
}

/**
 * Where the API's refusal goes on a form: next to the fields it names (among `fields`), the rest
 * above the submit button.
 */
export function refusalOf(
  error: unknown,
  fields: string[],
  /** Rules whose refusal concerns one field though the API names none: code -> field. */
  fieldOfCode: Record<string, string> = {},
): { field: Record<string, string>; general: string | null } {
  if (!error) return { field: {}, general: null };
  if (!(error instanceof ApiError))
    return {
      field: {},
      general: error instanceof Error ? error.message : String(error),
    };
  const ruleField = fieldOfCode[error.code];
  if (ruleField && fields.includes(ruleField)) return { field: { [ruleField]: error.message }, general: null };
  const field: Record<string, string> = {};
  const others: string[] = [];
  for (const [name, sentence] of Object.entries(error.fieldErrors)) {
    if (fields.includes(name)) field[name] = sentence;
    else others.push(sentence);
  }
  if (Object.keys(field).length === 0) return { field, general: error.message };
  return { field, general: others.length > 0 ? others.join('; ') : null };
}

/** The value of a date input, or nothing (the API then takes today). */
export const optionalDate = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/** A notice after a command (readable and with a named close button by the theme). */
export function notify({ color, title, message }: { color: string; title: string; message: string }): void {
  showNotice(title, message, color);
}
