import { Group, Paper, Radio, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { notify, optionalDate, refusalOf } from '../audits/shared';
import type { AppealCase, Remedy } from './types';
import { FormFooter } from '../../ui/FormFooter';

const FIELDS = ['decision', 'remedy', 'remedy.kind', 'remedy.until', 'rationale', 'decidedOn'];
const RULE_FIELDS = {
  APPEAL_EXTENSION_DATE_INVALID: 'remedy.until',
  APPEAL_RATIONALE_REQUIRED: 'rationale',
  APPEAL_REMEDY_REQUIRED: 'remedy',
  APPEAL_REMEDY_NOT_ALLOWED: 'remedy',
};

/** D6.3: the Certification Committee's decision, with its remedy and rationale; D6.4: never by the maker of the appealed decision. */
export function DecisionForm({ appeal }: { appeal: AppealCase }) {
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<'granted' | 'denied'>('granted');
  const [remedyKind, setRemedyKind] = useState<Remedy['kind']>(appeal.certification ? 'reinstatement' : 'extension');
  const [until, setUntil] = useState('');
  const [rationale, setRationale] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const decide = useMutation({
    mutationFn: () => {
      const remedy: Remedy | undefined = decision === 'denied' ? undefined : remedyKind === 'extension' ? { kind: 'extension', until } : { kind: 'reinstatement' };
      return api.post<{ decision: string }>(`/appeals/${appeal.appealId}/decision`, { decision, remedy, rationale, decidedOn: optionalDate(decidedOn) });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['appeals'] });
      notify({
        color: decision === 'granted' ? 'green' : 'orange',
        title: `Appeal ${decision}`,
        message: 'The decision and its rationale are recorded.',
      });
    },
  });
  const refusal = refusalOf(decide.error, FIELDS, RULE_FIELDS);
  const remedyError = refusal.field.remedy ?? refusal.field['remedy.kind'];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decision-form-title">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="decision-form-title">
            The committee&apos;s decision
          </Title>
          <Radio.Group label="Decision" value={decision} onChange={(value) => setDecision(value as 'granted' | 'denied')} error={refusal.field.decision}>
            <Group mt={4}>
              <Radio value="granted" label="Grant" />
              <Radio value="denied" label="Deny" />
            </Group>
          </Radio.Group>
          {decision === 'granted' && (
            <Radio.Group label="Remedy" value={remedyKind} onChange={(value) => setRemedyKind(value as Remedy['kind'])} error={remedyError}>
              <Group mt={4}>
                <Radio value="extension" label="Extension until a date" />
                <Radio value="reinstatement" label={`Reinstatement${appeal.certification ? ` of ${appeal.certification}` : ''}`} />
              </Group>
            </Radio.Group>
          )}
          {decision === 'granted' && remedyKind === 'extension' && (
            <TextInput
              label="Extended until"
              description="The last day to report CEUs and pay the fee"
              type="date"
              w={260}
              value={until}
              onChange={(event) => setUntil(event.currentTarget.value)}
              error={refusal.field['remedy.until']}
            />
          )}
          <Textarea
            label="Rationale"
            description="Why the committee decided so; recorded with the decision"
            autosize
            minRows={3}
            value={rationale}
            onChange={(event) => setRationale(event.currentTarget.value)}
            error={refusal.field.rationale}
          />
          <TextInput
            label="Decided on"
            description="Empty: today"
            type="date"
            w={260}
            value={decidedOn}
            onChange={(event) => setDecidedOn(event.currentTarget.value)}
            error={refusal.field.decidedOn}
          />
          <FormFooter general={refusal.general} refusedTitle="The decision was not recorded" pending={decide.isPending} submit="Record decision" />
        </Stack>
      </form>
    </Paper>
  );
}
