import { Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../auth/session';
import { QueryState } from '../../ui/Page';
import type { HistoryItem } from './model';
import { PathLink } from './PathLink';
import { HISTORY_PAGE, useHistory, useStaffNames } from './reads';
import { recordedTime } from './words';

/** "AuditVerdictRecorded" → "Audit verdict recorded". */
function typeWords(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function CaseLink({ item }: { item: HistoryItem }) {
  const [kind, ...rest] = item.streamId.split('-');
  const id = rest.join('-');
  if (kind === 'audit' && id) return <PathLink href={`/audits/${encodeURIComponent(id)}`}>Open audit</PathLink>;
  if (kind === 'appeal' && id) return <PathLink href={`/appeals/${encodeURIComponent(id)}`}>Open appeal</PathLink>;
  return null;
}

/** GET /certificants/:id/history, oldest first, a page at a time (cursor). */
export function HistorySection({ certificantId }: { certificantId: string }) {
  const { staff, can } = useSession();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const history = useHistory(certificantId, cursor);
  const names = useStaffNames(can('admin'));
  const who = (actor: HistoryItem['actor']) => {
    if (typeof actor === 'string') return actor === 'system' ? 'The system' : actor;
    if (actor.id === staff?.id) return `You (${actor.role})`;
    const name = names.data?.get(actor.id);
    return name ? `${name} (${actor.role})` : `Staff ${actor.id.slice(0, 8)} (${actor.role})`;
  };
  const page = history.data;
  return (
    <QueryState loading={history.isPending} error={history.error}>
      {page && page.items.length === 0 ? (
        <Text>Nothing has happened on this account yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label="Event timeline" aria-busy={history.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>What happened</Table.Th>
                <Table.Th>Business date</Table.Th>
                <Table.Th>Recorded</Table.Th>
                <Table.Th>Who</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page?.items.map((item) => (
                <Table.Tr key={item.position}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {typeWords(item.type)}
                    </Text>
                    <Text size="sm">
                      {item.summary}
                      {item.certificantId !== certificantId ? ' (on the merged account)' : ''}
                    </Text>
                    <CaseLink item={item} />
                  </Table.Td>
                  <Table.Td>{item.occurredAt}</Table.Td>
                  <Table.Td>{recordedTime(item.recordedAt)}</Table.Td>
                  <Table.Td>{who(item.actor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between">
        <Text size="sm">
          Events {(cursors.length - 1) * HISTORY_PAGE + 1}–{(cursors.length - 1) * HISTORY_PAGE + (page?.items.length ?? 0)}, oldest first
        </Text>
        <Group>
          <Button variant="default" disabled={cursors.length === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
            Earlier events
          </Button>
          <Button variant="default" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors((list) => [...list, page.nextCursor])}>
            Later events
          </Button>
        </Group>
      </Group>
    </QueryState>
  );
}
