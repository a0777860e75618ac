import { Button, Checkbox, List, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ceus } from '../../lib/cycles';
import { NO_REFUSAL, refusalOf, useCertificantCommand, type Refusal } from './command';
import { FormFooter } from '../../ui/FormFooter';
import type { ActivityPreview, ActivityType, CommandAnswer } from './model';
import { useActivityTypes } from './reads';
import { STATUS_LABEL } from './words';

const FIELDS = [
  'activityType',
  'activityDate',
  'title',
  'provider',
  'hours',
  'inScopeHours',
  'creditHours',
  'creditSystem',
  'ceus',
  'quizScore',
  'eventRef',
  'reportedOn',
  'externalRef',
  'reportedBy',
] as const;

interface Draft {
  activityType: string;
  activityDate: string;
  title: string;
  provider: string;
  hours: number | string;
  inScopeHours: number | string;
  creditHours: number | string;
  creditSystem: string | null;
  ceus: number | string;
  quizScore: number | string;
  eventRef: string;
  reportedOn: string;
  externalRef: string;
  byStaff: boolean;
}

const EMPTY: Draft = {
  activityType: 'event-attendance',
  activityDate: '',
  title: '',
  provider: '',
  hours: '',
  inScopeHours: '',
  creditHours: '',
  creditSystem: 'semester',
  ceus: '',
  quizScore: '',
  eventRef: '',
  reportedOn: '',
  externalRef: '',
  byStaff: false,
};

const num = (value: number | string) => (value === '' ? undefined : Number(value));
const txt = (value: string) => (value.trim() === '' ? undefined : value.trim());

const fieldsOf = (kind: ActivityType | undefined) => new Set(kind?.fields.map((f) => f.field) ?? []);
/** D3.15: a type the certificant cannot report is added by staff. */
const staffOnly = (kind: ActivityType | undefined) => !!kind && !kind.reportableBy.includes('certificant');

/** What the policy says the type is worth, in the team's words. */
export function valueText(kind: ActivityType): string {
  const v = kind.value;
  const parts = [
    v.kind === 'fixed'
      ? `${ceus(v.ceus)} CEU each time`
      : v.kind === 'per-hour'
        ? `${ceus(v.ceusPerHour)} CEU per hour in scope`
        : v.kind === 'credit-hours'
          ? `${ceus(v.semesterCeus)} CEU per semester credit hour, ${ceus(v.quarterCeus)} per quarter credit hour`
          : kind.adjustable
            ? 'The CEUs reported'
            : 'Its approved value',
  ];
  if (kind.maxCeusPerItem !== null) parts.push(`at most ${ceus(kind.maxCeusPerItem)} per item`);
  if (kind.maxCeusPerCertifiedYear !== null) parts.push(`at most ${ceus(kind.maxCeusPerCertifiedYear)} CEU per year certified in the cycle`);
  if (kind.passingScore !== null) parts.push(`passing score ${kind.passingScore}`);
  if (!kind.completesAlone) parts.push('does not by itself complete recertification');
  if (staffOnly(kind)) parts.push('added by staff');
  return `Category ${kind.category}: ${parts.join('; ')}`;
}

/** The body api.md's activity endpoints take: only the fields the chosen type uses. */
function bodyOf(draft: Draft, kind: ActivityType | undefined) {
  const uses = fieldsOf(kind);
  return {
    activityType: draft.activityType,
    activityDate: draft.activityDate,
    title: draft.title.trim(),
    provider: txt(draft.provider),
    hours: uses.has('hours') ? num(draft.hours) : undefined,
    inScopeHours: uses.has('inScopeHours') ? num(draft.inScopeHours) : undefined,
    creditHours: uses.has('creditHours') ? num(draft.creditHours) : undefined,
    creditSystem: uses.has('creditSystem') ? (draft.creditSystem ?? undefined) : undefined,
    ceus: uses.has('ceus') ? num(draft.ceus) : undefined,
    quizScore: uses.has('quizScore') ? num(draft.quizScore) : undefined,
    eventRef: uses.has('eventRef') ? txt(draft.eventRef) : undefined,
    reportedOn: txt(draft.reportedOn),
    externalRef: txt(draft.externalRef),
    reportedBy: staffOnly(kind) || draft.byStaff ? ('staff' as const) : undefined,
  };
}

type ActivityBody = ReturnType<typeof bodyOf>;

/**
 * Report an activity (api.md): the types and their fields come from the cycle's catalogue
 * (`GET /cycles/:cycle/activity-types`); "Preview"
 * asks the API what it would be worth and what it would change (records nothing, D4a.2); the
 * activity is saved only from a preview of exactly what the form holds.
 */
export function ReportActivityForm({ certificantId, cycle, onClose }: { certificantId: string; cycle: string; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [previewRefusal, setPreviewRefusal] = useState<Refusal>(NO_REFUSAL);
  const catalogue = useActivityTypes(cycle);
  const base = `/certificants/${encodeURIComponent(certificantId)}/cycles/${cycle}/activities`;
  const preview = useMutation({
    mutationFn: (body: ActivityBody) => api.post<ActivityPreview>(`${base}/preview`, body),
    onMutate: () => setPreviewRefusal(NO_REFUSAL),
    onError: (error) => setPreviewRefusal(refusalOf(error, FIELDS)),
  });
  const report = useCertificantCommand({
    certificantId,
    send: (body: ActivityBody) => api.post<CommandAnswer & { ceus: number; category: string; appliesTo: string[] }>(base, body),
    fields: FIELDS,
    success: (answer, body) =>
      `"${body.title}" is recorded: ${ceus(answer.ceus)} CEU in category ${answer.category}${answer.appliesTo.length ? ` for ${answer.appliesTo.join(', ')}` : ''}.`,
    onDone: onClose,
  });

  const kind = catalogue.data?.items.find((k) => k.activityType === draft.activityType);
  const uses = fieldsOf(kind);
  const defaultCeus = kind?.value.kind === 'declared' ? kind.value.defaultCeus : null;
  const change = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    // What was previewed is no longer what the form holds.
    preview.reset();
    setPreviewRefusal(NO_REFUSAL);
    report.clearRefusal();
  };
  const refusal = report.refusal.general || Object.keys(report.refusal.fields).length > 0 ? report.refusal : previewRefusal;
  const errors = refusal.fields;
  const previewed = preview.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (previewed) report.mutate(bodyOf(draft, kind));
    else preview.mutate(bodyOf(draft, kind));
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">Cycle {cycle}</Text>
        <Select
          label="Activity type"
          data={(catalogue.data?.items ?? []).map((k) => ({
            value: k.activityType,
            label: k.name,
          }))}
          value={draft.activityType}
          onChange={(value) => value && change({ activityType: value })}
          allowDeselect={false}
          description={kind ? valueText(kind) : catalogue.isPending ? 'Loading the activity types…' : undefined}
          error={errors.activityType ?? (catalogue.error ? catalogue.error.message : undefined)}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="Activity date"
            type="date"
            required
            value={draft.activityDate}
            onChange={(event) => change({ activityDate: event.currentTarget.value })}
            error={errors.activityDate}
          />
          <TextInput
            label="Reported on"
            description="Defaults to today"
            type="date"
            value={draft.reportedOn}
            onChange={(event) => change({ reportedOn: event.currentTarget.value })}
            error={errors.reportedOn}
          />
        </SimpleGrid>
        <TextInput label="Title" required value={draft.title} onChange={(event) => change({ title: event.currentTarget.value })} error={errors.title} />
        <TextInput label="Provider" value={draft.provider} onChange={(event) => change({ provider: event.currentTarget.value })} error={errors.provider} />
        {uses.has('hours') && (
          <SimpleGrid cols={2}>
            <NumberInput label="Hours" value={draft.hours} onChange={(value) => change({ hours: value })} decimalScale={2} error={errors.hours} />
            <NumberInput
              label="Hours in scope"
              description="If only part was in scope (D3.6)"
              value={draft.inScopeHours}
              onChange={(value) => change({ inScopeHours: value })}
              decimalScale={2}
              error={errors.inScopeHours}
            />
          </SimpleGrid>
        )}
        {uses.has('creditHours') && (
          <SimpleGrid cols={2}>
            <NumberInput label="Credit hours" value={draft.creditHours} onChange={(value) => change({ creditHours: value })} decimalScale={2} error={errors.creditHours} />
            <Select
              label="Credit system"
              data={[
                { value: 'semester', label: 'Semester' },
                { value: 'quarter', label: 'Quarter' },
              ]}
              value={draft.creditSystem}
              onChange={(value) => change({ creditSystem: value })}
              error={errors.creditSystem}
            />
          </SimpleGrid>
        )}
        {(uses.has('quizScore') || uses.has('ceus')) && (
          <SimpleGrid cols={2}>
            {uses.has('quizScore') && <NumberInput label="Quiz score" value={draft.quizScore} onChange={(value) => change({ quizScore: value })} error={errors.quizScore} />}
            {uses.has('ceus') && (
              <NumberInput
                label="CEUs"
                description={defaultCeus !== null ? `${ceus(defaultCeus)} if left empty` : undefined}
                value={draft.ceus}
                onChange={(value) => change({ ceus: value })}
                decimalScale={1}
                step={0.1}
                error={errors.ceus}
              />
            )}
          </SimpleGrid>
        )}
        {uses.has('eventRef') && (
          <TextInput
            label="NSCA event reference"
            description="An NSCA event counts once (D3.16)"
            value={draft.eventRef}
            onChange={(event) => change({ eventRef: event.currentTarget.value })}
            error={errors.eventRef}
          />
        )}
        <TextInput
          label="External reference"
          description="The provider's own id; never counted twice"
          value={draft.externalRef}
          onChange={(event) => change({ externalRef: event.currentTarget.value })}
          error={errors.externalRef}
        />
        <Checkbox
          label="Added by staff (rather than reported by the certificant)"
          checked={staffOnly(kind) || draft.byStaff}
          disabled={staffOnly(kind)}
          onChange={(event) => change({ byStaff: event.currentTarget.checked })}
          error={errors.reportedBy}
        />
        {previewed && <PreviewPanel preview={previewed} />}
        <FormFooter
          general={refusal.general}
          pending={preview.isPending || report.isPending}
          submit={previewed ? 'Save activity' : 'Preview'}
          onCancel={onClose}
          extra={
            previewed ? (
              <Button variant="default" onClick={() => preview.reset()}>
                Edit
              </Button>
            ) : undefined
          }
        />
      </Stack>
    </form>
  );
}

function PreviewPanel({ preview }: { preview: ActivityPreview }) {
  return (
    <Paper withBorder p="md" role="region" aria-label="Preview">
      <Stack gap="xs">
        <Title order={3} size="h4">
          Preview: {ceus(preview.ceus)} CEU in category {preview.category}
        </Title>
        <Text size="sm">{preview.explanation}</Text>
        <Text size="sm">{preview.appliesTo.length > 0 ? `Counts for ${preview.appliesTo.join(', ')}.` : 'Counts for no certification held.'}</Text>
        <List size="sm">
          {preview.statusAfter.certifications.map((after) => {
            const before = preview.statusBefore.certifications.find((c) => c.certification === after.certification);
            return (
              <List.Item key={after.certification}>
                {after.certification}: applied {ceus(before?.appliedCeus)} → {ceus(after.appliedCeus)} of {ceus(after.requiredCeus)} CEUs; status{' '}
                {STATUS_LABEL[before?.status ?? ''] ?? before?.status ?? '–'} → {STATUS_LABEL[after.status] ?? after.status}
              </List.Item>
            );
          })}
        </List>
        <Text size="sm" fw={500}>
          Nothing is recorded until you save.
        </Text>
      </Stack>
    </Paper>
  );
}
