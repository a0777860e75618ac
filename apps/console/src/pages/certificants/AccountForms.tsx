import { Checkbox, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { money } from '../../lib/cycles';
import { useCertificantCommand } from './command';
import { FormFooter } from '../../ui/FormFooter';
import { CERTIFICATIONS, type CertificationCycleStatus, type CommandAnswer } from './model';
import { FEE_TYPES } from './words';

const path = (id: string) => `/certificants/${encodeURIComponent(id)}`;

/** POST /certificants/:id/certifications (D1.1); pending until its documents arrive (D1.2). */
export function EarnCertificationForm({ certificantId, onClose }: { certificantId: string; onClose: () => void }) {
  const [certification, setCertification] = useState<string | null>('CSCS');
  const [earnedOn, setEarnedOn] = useState('');
  const command = useCertificantCommand({
    certificantId,
    send: (body: { certification: string | null; earnedOn: string }) => api.post<CommandAnswer>(`${path(certificantId)}/certifications`, body),
    fields: ['certification', 'earnedOn'],
    success: (_answer, body) => `${body.certification} earned on ${body.earnedOn} is on the account; it stays pending until its documents arrive.`,
    onDone: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    command.mutate({ certification, earnedOn });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Select
          label="Certification"
          data={[...CERTIFICATIONS]}
          value={certification}
          onChange={setCertification}
          allowDeselect={false}
          error={command.refusal.fields.certification}
        />
        <TextInput label="Earned on" type="date" required value={earnedOn} onChange={(event) => setEarnedOn(event.currentTarget.value)} error={command.refusal.fields.earnedOn} />
        <FormFooter general={command.refusal.general} pending={command.isPending} submit="Add certification" onCancel={onClose} />
      </Stack>
    </form>
  );
}

/** POST /certificants/:id/certifications/:certification/documents (D1.2). */
export function DocumentsReceivedForm({ certificantId, certification, onClose }: { certificantId: string; certification: string; onClose: () => void }) {
  const [documents, setDocuments] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const command = useCertificantCommand({
    certificantId,
    send: (body: { documents: string[]; receivedOn?: string }) =>
      api.post<CommandAnswer>(`${path(certificantId)}/certifications/${encodeURIComponent(certification)}/documents`, body),
    fields: ['documents', 'receivedOn'],
    success: () => `${certification}'s documents are recorded.`,
    onDone: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    command.mutate({
      documents: documents
        .split(/[,\n]/)
        .map((d) => d.trim())
        .filter(Boolean),
      ...(receivedOn ? { receivedOn } : {}),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Textarea
          label="Documents received"
          description="One per line or separated by commas (CPR/AED proof, transcript)"
          value={documents}
          onChange={(event) => setDocuments(event.currentTarget.value)}
          error={command.refusal.fields.documents}
        />
        <TextInput
          label="Received on"
          description="Defaults to today"
          type="date"
          value={receivedOn}
          onChange={(event) => setReceivedOn(event.currentTarget.value)}
          error={command.refusal.fields.receivedOn}
        />
        <FormFooter general={command.refusal.general} pending={command.isPending} submit="Record documents" onCancel={onClose} />
      </Stack>
    </form>
  );
}

/** POST /certificants/:id/cpr-aed (D1.4). */
export function RecordCprAedForm({ certificantId, onClose }: { certificantId: string; onClose: () => void }) {
  const [card, setCard] = useState({
    provider: '',
    completedOn: '',
    expiresOn: '',
    coversAdult: true,
    skillsEvaluation: true,
    deliveredOnline: false,
  });
  const command = useCertificantCommand({
    certificantId,
    send: (body: typeof card) =>
      api.post<CommandAnswer>(`${path(certificantId)}/cpr-aed`, {
        ...body,
        provider: body.provider.trim(),
      }),
    fields: Object.keys(card),
    success: (_answer, body) => `The CPR/AED card from ${body.provider} is recorded.`,
    onDone: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    command.mutate(card);
  };
  const errors = command.refusal.fields;
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label="Provider" required value={card.provider} onChange={(event) => setCard({ ...card, provider: event.currentTarget.value })} error={errors.provider} />
        <TextInput
          label="Completed on"
          type="date"
          required
          value={card.completedOn}
          onChange={(event) => setCard({ ...card, completedOn: event.currentTarget.value })}
          error={errors.completedOn}
        />
        <TextInput
          label="Expires on"
          type="date"
          required
          value={card.expiresOn}
          onChange={(event) => setCard({ ...card, expiresOn: event.currentTarget.value })}
          error={errors.expiresOn}
        />
        <Checkbox
          label="Covers adults"
          checked={card.coversAdult}
          onChange={(event) => setCard({ ...card, coversAdult: event.currentTarget.checked })}
          error={errors.coversAdult}
        />
        <Checkbox
          label="Includes a hands-on skills evaluation"
          checked={card.skillsEvaluation}
          onChange={(event) => setCard({ ...card, skillsEvaluation: event.currentTarget.checked })}
          error={errors.skillsEvaluation}
        />
        <Checkbox
          label="Delivered online"
          checked={card.deliveredOnline}
          onChange={(event) => setCard({ ...card, deliveredOnline: event.currentTarget.checked })}
          error={errors.deliveredOnline}
        />
        <FormFooter general={command.refusal.general} pending={command.isPending} submit="Record CPR/AED" onCancel={onClose} />
      </Stack>
    </form>
  );
}

/** POST /certificants/:id/cycles/:cycle/fees (D4.1-D4.4): amounts typed in dollars, sent in cents. */
export function RecordFeeForm({
  certificantId,
  cycle,
  certifications,
  onClose,
}: {
  certificantId: string;
  cycle: string;
  certifications: CertificationCycleStatus[];
  onClose: () => void;
}) {
  const firstUnpaid = certifications.find((c) => c.required && !c.recertificationFeePaid) ?? certifications[0];
  const [feeType, setFeeType] = useState<string | null>('recertification');
  const [certification, setCertification] = useState<string | null>(firstUnpaid?.certification ?? null);
  const dueOf = (name: string | null) => certifications.find((c) => c.certification === name)?.recertificationFeeCents ?? null;
  const [amount, setAmount] = useState<string | number>(dueOf(certification) !== null ? (dueOf(certification) ?? 0) / 100 : '');
  const [paidOn, setPaidOn] = useState('');
  const command = useCertificantCommand({
    certificantId,
    send: (body: { feeType: string; certification?: string; amountCents: number; paidOn?: string }) => api.post<CommandAnswer>(`${path(certificantId)}/cycles/${cycle}/fees`, body),
    fields: ['feeType', 'certification', 'amountCents', 'paidOn'],
    success: (_answer, body) => `${FEE_TYPES.find((t) => t.value === body.feeType)?.label ?? body.feeType} of ${money(body.amountCents)} recorded for ${cycle}.`,
    onDone: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dollars = typeof amount === 'number' ? amount : Number(amount);
    command.mutate({
      feeType: feeType ?? '',
      ...(feeType === 'recertification' && certification ? { certification } : {}),
      amountCents: Number.isFinite(dollars) ? Math.round(dollars * 100) : Number.NaN,
      ...(paidOn ? { paidOn } : {}),
    });
  };
  const due = dueOf(certification);
  return (
    <form onSubmit={submit}>
      <Stack>
        <Select label="Fee" data={FEE_TYPES} value={feeType} onChange={setFeeType} allowDeselect={false} error={command.refusal.fields.feeType} />
        {feeType === 'recertification' && (
          <Select
            label="Certification"
            description="A recertification fee is paid per certification"
            data={certifications.map((c) => c.certification)}
            value={certification}
            onChange={(value) => {
              setCertification(value);
              const cents = dueOf(value);
              if (cents !== null) setAmount(cents / 100);
            }}
            error={command.refusal.fields.certification}
          />
        )}
        <NumberInput
          label="Amount (USD)"
          description={feeType === 'recertification' && due !== null ? `The policy's fee for this certification: ${money(due)}` : undefined}
          prefix="$"
          decimalScale={2}
          min={0}
          required
          value={amount}
          onChange={setAmount}
          error={command.refusal.fields.amountCents}
        />
        <TextInput
          label="Paid on"
          description="Defaults to today"
          type="date"
          value={paidOn}
          onChange={(event) => setPaidOn(event.currentTarget.value)}
          error={command.refusal.fields.paidOn}
        />
        <FormFooter general={command.refusal.general} pending={command.isPending} submit="Record fee" onCancel={onClose} />
      </Stack>
    </form>
  );
}

/** POST .../activities/:activityId/withdraw: kept in the history, no longer counted. */
export function WithdrawActivityForm({
  certificantId,
  cycle,
  activityId,
  what,
  onClose,
}: {
  certificantId: string;
  cycle: string;
  activityId: string;
  what: string;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const command = useCertificantCommand({
    certificantId,
    send: (body: { reason: string }) => api.post<CommandAnswer>(`${path(certificantId)}/cycles/${cycle}/activities/${encodeURIComponent(activityId)}/withdraw`, body),
    fields: ['reason'],
    success: () => `${what} was withdrawn; it stays in the history and no longer counts.`,
    onDone: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    command.mutate({ reason });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Textarea
          label="Reason"
          description={`Why ${what} is withdrawn`}
          required
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={command.refusal.fields.reason}
        />
        <FormFooter general={command.refusal.general} pending={command.isPending} submit="Withdraw activity" onCancel={onClose} />
      </Stack>
    </form>
  );
}
