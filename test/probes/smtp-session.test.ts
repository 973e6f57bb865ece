import { describe, expect, it } from 'vitest';
import { errorText, ProbeFailure } from '../../src/probes/smtp-failure.js';
import { recordFailure, type Progress } from '../../src/probes/smtp-session.js';

const address = '192.0.2.25';
const greeted: Progress = { stage: 'EHLO', banner: 'mx.example.test ESMTP' };
const silent: Progress = { stage: 'greeting', banner: null };

describe('recordFailure', () => {
  it.each([
    {
      case: 'a timeout after the greeting keeps the banner',
      error: new ProbeFailure('unreachable', 'connection closed by the server'),
      progress: greeted,
      deadlineMs: 500,
      probe: {
        address,
        outcome: 'timeout',
        error: 'no answer within 500 ms (EHLO)',
        banner: 'mx.example.test ESMTP',
      },
    },
    {
      case: 'a timeout before the greeting has no banner',
      error: new ProbeFailure('unreachable', 'connection closed by the server'),
      progress: silent,
      deadlineMs: 500,
      probe: { address, outcome: 'timeout', error: 'no answer within 500 ms (greeting)' },
    },
    {
      case: 'an empty banner is still a banner',
      error: new Error('socket destroyed'),
      progress: { stage: 'STARTTLS', banner: '' },
      deadlineMs: 15_000,
      probe: { address, outcome: 'timeout', error: 'no answer within 15000 ms (STARTTLS)', banner: '' },
    },
    {
      case: 'a TLS failure keeps the banner and drops the stage',
      error: new ProbeFailure('tls-failed', 'STARTTLS refused: "454 4.7.0"'),
      progress: { stage: 'STARTTLS', banner: 'mx ESMTP' },
      deadlineMs: null,
      probe: { address, outcome: 'tls-failed', banner: 'mx ESMTP', error: 'STARTTLS refused: "454 4.7.0"' },
    },
    {
      case: 'an unreachable host names the stage',
      error: new ProbeFailure('unreachable', 'ECONNREFUSED: connect ECONNREFUSED'),
      progress: { stage: 'connect', banner: null },
      deadlineMs: null,
      probe: { address, outcome: 'unreachable', error: 'ECONNREFUSED: connect ECONNREFUSED (connect)' },
    },
    {
      case: 'an unexpected error is a protocol error',
      error: new TypeError('boom'),
      progress: greeted,
      deadlineMs: null,
      probe: { address, outcome: 'protocol-error', error: 'boom (EHLO)' },
    },
  ])('$case', ({ error, progress, deadlineMs, probe }) => {
    expect(recordFailure(address, error, progress, deadlineMs)).toEqual(probe);
  });
});

describe('errorText', () => {
  it.each([
    {
      error: Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }),
      text: 'ECONNREFUSED: connect refused',
    },
    {
      error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' }),
      text: 'connect ECONNREFUSED 127.0.0.1:25',
    },
    { error: new Error('plain'), text: 'plain' },
    { error: 'a string', text: 'a string' },
  ])('$text', ({ error, text }) => {
    expect(errorText(error)).toBe(text);
  });
});
