import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';

/*
 * Pieces the audits and appeals pages share: a certificant's name from their profile, cursor
 * paging over a queue, and where a refusal of the API goes on a form.
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

export function CertificantName({ certificantId }: { certificantId: string }) {
  return <>{useCertificantName(certificantId)}</>;
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

/** Cursor paging (api.md "Lists"): the cursors of the pages seen so far, back to the first when `resetKey` changes. */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{
    key: string;
    cursors: (string | null)[];
  }>({ key: resetKey, cursors: [null] });
  const cursors = state.key === resetKey ? state.cursors : [null];
  if (state.key !== resetKey) setState({ key: resetKey, cursors });
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

export function Pager({ pages, nextCursor, shown }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null | undefined; shown: number }) {
  return (
    <Group justify="space-between">
      <Text size="sm">
        Page {pages.page}: {shown} shown
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={pages.page <= 1} onClick={pages.previous}>
          Previous page
        </Button>
        <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
          Next page
        </Button>
      </Group>
    </Group>
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

/** Input hints, refusals and refused values in shades dark enough for AA contrast (the theme's dimmed gray and error red are not). */
export const HINT = {
  description: { color: 'var(--mantine-color-gray-7)' },
  error: { color: 'var(--mantine-color-red-9)' },
  // A refused value stays in the text colour: the theme's error red on white is below AA.
  input: { color: 'var(--mantine-color-text)' },
};

/** The value of a date input, or nothing (the API then takes today). */
export const optionalDate = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/** A notice after a command: its close button named and its text dark enough for AA contrast. */
export function notify({ color, title, message }: { color: string; title: string; message: string }): void {
  notifications.show({
    color,
    title,
    message,
    closeButtonProps: { 'aria-label': 'Close the notice' },
    styles: { description: { color: 'var(--mantine-color-gray-8)' } },
  });
}
