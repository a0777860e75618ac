import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { notify, refusalOf, StatusBadge } from './shared';
import type { AuditActivity, AuditCase } from './types';

/** D5.3, D5.4: one verdict per activity; a rejection says why and stops the activity counting. */
export function VerdictCell({ audit, activity }: { audit: AuditCase; activity: AuditActivity }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const record = useMutation({
    mutationFn: (verdict: 'accepted' | 'rejected') =>
      api.post(`/audits/${audit.auditId}/verdicts`, {
        activityId: activity.activityId,
        verdict,
        ...(verdict === 'rejected' ? { reason } : {}),
      }),
    onSuccess: (_answer, verdict) => {
      setRejecting(false);
      void queryClient.invalidateQueries({ queryKey: ['audits'] });
      notify({
        color: verdict === 'accepted' ? 'green' : 'orange',
        title: `Activity ${verdict}`,
        message: activity.title,
      });
    },
  });
  const refusal = refusalOf(record.error, ['reason'], {
    AUDIT_REJECTION_REASON_REQUIRED: 'reason',
  });

  if (activity.verdict) {
    return (
      <Stack gap={4}>
        <StatusBadge status={activity.verdict} />
        {activity.verdictReason && <Text size="sm">{activity.verdictReason}</Text>}
      </Stack>
    );
  }
  if (audit.status !== 'open' || !can('auditor')) return <>No verdict</>;
  if (rejecting) {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      record.mutate('rejected');
    };
    return (
      <form onSubmit={submit}>
        <Stack gap={6}>
          <Textarea
            label={`Why is “${activity.title}” rejected?`}
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={refusal.field.reason}
          />
          {refusal.general && (
            <Alert variant="outline" color="red.9" role="alert" p="xs">
              {refusal.general}
            </Alert>
          )}
          <Group gap="xs">
            <Button type="submit" color="red.9" size="xs" loading={record.isPending} disabled={record.isPending}>
              Reject activity
            </Button>
            <Button variant="default" size="xs" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Button size="xs" aria-label={`Accept ${activity.title}`} loading={record.isPending} disabled={record.isPending} onClick={() => record.mutate('accepted')}>
          Accept
        </Button>
        <Button
          size="xs"
          color="red.9"
          variant="outline"
          aria-label={`Reject ${activity.title}`}
          disabled={record.isPending}
          onClick={() => {
            record.reset();
            setRejecting(true);
          }}
        >
          Reject
        </Button>
      </Group>
      {refusal.general && (
        <Alert variant="outline" color="red.9" role="alert" p="xs">
          {refusal.general}
        </Alert>
      )}
    </Stack>
  );
}
