import { parseCertification } from '../certificant/commands';
import { recertificationFeeCents } from '../policy/policy';
import { formatCents } from './money';
import { actorId, newId } from '../shared/decider';
import { refuse } from '../shared/errors';
import { FEE_TYPES, type Cents, type FeeType } from '../shared/types';
import { requireCycleOfPolicy, statusOf, type CycleContext, type PayFee } from './commands';
import type { FeePaid } from './events';
import type { CycleState } from './state';

/**
 * D4.1-D4.4. Every fee type is recorded; membership, insurance and RSCC never pay the
 * recertification fee (cycleStatus says so, D4.3). Choice: where the policy publishes the
 * amount, a different amount is refused (FEE_AMOUNT_MISMATCH), so a wrong payment is fixed
 * at the till and not discovered at completion; where it is not published, any amount is kept.
 */
export function payFee(command: PayFee, state: CycleState, context: CycleContext): FeePaid[] {
  requireCycleOfPolicy(command, context);
  if (command.feeId && state.fees.some((fee) => fee.feeId === command.feeId)) return [];
  const { policy } = context;
  const paidOn = command.paidOn ?? context.today;
  if (paidOn > context.today) refuse('FEE_PAID_ON_IN_FUTURE', `A fee cannot be recorded as paid on ${paidOn}, after today.`);
  const feeType = command.feeType as FeeType;
  if (!FEE_TYPES.includes(feeType)) refuse('FEE_TYPE_UNKNOWN', `"${command.feeType}" is not a fee type: ${FEE_TYPES.join(', ')}.`);
  if (!Number.isInteger(command.amountCents) || command.amountCents < 0) {
    refuse('FEE_AMOUNT_INVALID', `A fee is a whole number of cents, not ${command.amountCents}.`);
  }
  const certification = command.certification === undefined ? undefined : parseCertification(command.certification);
  let expectedCents: Cents | null = null;

  if (feeType === 'distinction') {
    // D8.2: free for members, a fee for non-members (policy data).
    if (state.fees.some((fee) => fee.feeType === 'distinction')) refuse('FEE_ALREADY_PAID', `The ${policy.cycle} distinction fee is already paid.`);
    expectedCents = context.member ? policy.distinction.memberFeeCents : policy.distinction.nonMemberFeeCents;
    if (command.amountCents !== expectedCents) {
      refuse('FEE_AMOUNT_MISMATCH', `The distinction fee is ${formatCents(expectedCents)}, not ${formatCents(command.amountCents)}.`, {
        expectedCents,
        amountCents: command.amountCents,
      });
    }
  }
  if (feeType === 'recertification' || feeType === 'late') {
    const status = statusOf(state, command, context, paidOn);
    // D2.3: the fee may be paid until the late window (or an extension) ends.
    if (paidOn > status.lateDeadline) {
      refuse('FEE_PAYMENT_CLOSED', `Fees for ${policy.cycle} could be paid until the end of ${status.lateDeadline}.`, { lateDeadline: status.lateDeadline });
    }
    if (feeType === 'recertification') {
      // D4.1: a fee is paid per certification.
      if (!certification) refuse('FEE_CERTIFICATION_REQUIRED', 'A recertification fee is paid per certification: name it.');
      const held = context.certifications.find((c) => c.certification === certification);
      if (!held) refuse('FEE_CERTIFICATION_NOT_HELD', `${certification} is not held on this account.`, { certification });
      if (state.fees.some((fee) => fee.feeType === 'recertification' && fee.certification === certification)) {
        refuse('FEE_ALREADY_PAID', `The ${policy.cycle} recertification fee for ${certification} is already paid.`, { certification });
      }
      expectedCents = recertificationFeeCents(policy, held.earnedOn, context.member, paidOn);
    } else {
      // D4.4: the late fee belongs to the late window.
      if (paidOn <= policy.endsOn) refuse('LATE_FEE_NOT_DUE', `The late fee applies only after the deadline (${policy.endsOn}).`);
      if (state.fees.some((fee) => fee.feeType === 'late')) refuse('FEE_ALREADY_PAID', `The ${policy.cycle} late fee is already paid.`);
      expectedCents = policy.lateFeeCents;
    }
    if (expectedCents !== null && command.amountCents !== expectedCents) {
      refuse(
        'FEE_AMOUNT_MISMATCH',
        `The ${feeType} fee${certification ? ` for ${certification}` : ''} is ${formatCents(expectedCents)}, not ${formatCents(command.amountCents)}.`,
        { expectedCents, amountCents: command.amountCents },
      );
    }
  }
  return [
    {
      type: 'FeePaid',
      data: {
        feeId: newId(command.feeId, context, 'fee payment'),
        feeType,
        ...(certification !== undefined ? { certification } : {}),
        amountCents: command.amountCents,
        expectedCents,
        paidOn,
        recordedBy: actorId(context.actor),
      },
    },
  ];
}
