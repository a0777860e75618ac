import { ConflictException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@recert/domain';
import { WrongExpectedRevision } from '@recert/event-store';
import type { IncomingMessage } from 'node:http';
import { correlationIdOf } from './logging';
import { outcomeOf } from './metrics';

const requestWith = (header?: string | string[]) => ({ headers: header === undefined ? {} : { 'x-correlation-id': header } }) as IncomingMessage;

describe('correlation ids', () => {
  it('keeps the caller\'s id when it is a plain token', () => {
    expect(correlationIdOf(requestWith('batch-2026.11:row-7'))).toBe('batch-2026.11:row-7');
    expect(correlationIdOf(requestWith(['first', 'second']))).toBe('first');
  });

  it.each([[undefined], [''], ['has spaces'], ['{"json":1}'], ['x'.repeat(129)]])('makes a fresh one for %p', (header) => {
    expect(correlationIdOf(requestWith(header))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('command outcomes in the latency histogram', () => {
  it.each([
    [new DomainError('CEU_CATEGORY_CAP_EXCEEDED', 'The category is full.'), 'refused'],
    [new WrongExpectedRevision('cycle-1', 2, 3), 'conflict'],
    [new ConflictException({ code: 'CONCURRENT_CHANGE' }), 'conflict'],
    [new NotFoundException(), 'rejected'],
    [new Error('database gone'), 'failed'],
  ])('labels %p as %s', (error, outcome) => {
    expect(outcomeOf(error)).toBe(outcome);
  });
});
