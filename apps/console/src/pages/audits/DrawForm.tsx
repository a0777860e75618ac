import { Anchor, NativeSelect, NumberInput, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { cycleChoices, cycleOf } from '../../lib/cycles';
import { notify, CertificantLink, refusalOf } from './shared';
import type { DrawAnswer } from './types';
import { FormFooter } from '../../ui/FormFooter';

const FIELDS = ['cycle', 'rate', 'count', 'seed'];

/** D5.1: a reproducible draw; the seed and the population are recorded, the same seed draws the same people. */
export function DrawForm() {
  const queryClient = useQueryClient();
  const [cycle, setCycle] = useState(cycleOf());
  const [by, setBy] = useState<'rate' | 'count'>('count');
  const [percent, setPercent] = useState<number | string>(5);
  const [count, setCount] = useState<number | string>(10);
  const [seed, setSeed] = useState('');
  const draw = useMutation({
    mutationFn: () =>
      api.post<DrawAnswer>('/audits/draws', {
        cycle,
        seed,
        ...(by === 'rate'
          ? {
              rate: typeof percent === 'number' ? percent / 100 : Number(percent) / 100,
            }
          : { count: Number(count) }),
      }),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: ['audits'] });
      notify({
        color: 'green',
        title: 'Audit draw recorded',
        message: `${answer.selected.length} of ${answer.population} drawn for ${cycle}.`,
      });
    },
  });
  const refusal = refusalOf(draw.error, FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    draw.mutate();
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-labelledby="draw-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="draw-title">
            Draw for audit
          </Title>
          <Text size="sm">Those who completed the cycle are drawn at random; the same seed and population always draw the same people.</Text>
          <NativeSelect label="Cycle" data={cycleChoices()} value={cycle} onChange={(event) => setCycle(event.currentTarget.value)} error={refusal.field.cycle} />
          <SegmentedControl
            aria-label="Draw by"
            value={by}
            onChange={(value) => setBy(value as 'rate' | 'count')}
            data={[
              { value: 'count', label: 'A number of people' },
              { value: 'rate', label: 'A share of completers' },
            ]}
          />
          {by === 'count' ? (
            <NumberInput label="How many to draw" min={0} allowDecimal={false} value={count} onChange={setCount} error={refusal.field.count} required />
          ) : (
            <NumberInput label="Share to draw (%)" min={0} max={100} decimalScale={2} value={percent} onChange={setPercent} error={refusal.field.rate} required />
          )}
          <TextInput
            label="Seed"
            description="Any words you record with the draw, e.g. the meeting and its date."
            value={seed}
            onChange={(event) => setSeed(event.currentTarget.value)}
            error={refusal.field.seed}
          />
          <FormFooter general={refusal.general} refusedTitle="The draw was refused" pending={draw.isPending} submit="Draw" />
        </Stack>
      </form>
      {draw.data && <DrawResult answer={draw.data} />}
    </Paper>
  );
}

function DrawResult({ answer }: { answer: DrawAnswer }) {
  return (
    <Stack gap="xs" mt="md" aria-live="polite">
      <Text fw={500}>
        {answer.selected.length} selected of {answer.population} who completed (draw {answer.drawId}).
      </Text>
      {answer.selected.length > 0 && (
        <Table striped withTableBorder aria-label="Selected for audit">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Certificant</Table.Th>
              <Table.Th scope="col">Audit case</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {answer.selected.map((selected) => (
              <Table.Tr key={selected.auditId}>
                <Table.Td>
                  <CertificantLink certificantId={selected.certificantId} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/audits/${selected.auditId}`}>
                    Open case {selected.auditId.slice(0, 8)}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
