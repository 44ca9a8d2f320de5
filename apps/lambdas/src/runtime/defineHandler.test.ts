import { json } from '../http/http';
import { IDEMPOTENCY_POLICIES } from '../http/idempotencyPolicies';
import { HTTP_HANDLERS } from '../handlers/index';
import { defineHandler } from './defineHandler';
import { idempotent } from './idempotency';
import { dottedPath } from './powertools';

const body = async () => json(200, {});

describe('defineHandler and the idempotency table agree', () => {
  it('refuses an entry IDEMPOTENCY_POLICIES names without an idempotent runner, so no route silently loses it', () => {
    expect(() => defineHandler('createJob', [], body)).toThrow(/createJob: is key in IDEMPOTENCY_POLICIES/);
  });

  it('refuses a runner for an entry the table does not name', () => {
    expect(() => defineHandler('getTrainingJob', [], body, { idempotent })).toThrow(/getTrainingJob: not in IDEMPOTENCY_POLICIES/);
  });

  it('has every entry of the table among the handlers', () => {
    expect(Object.keys(IDEMPOTENCY_POLICIES).filter((entry) => HTTP_HANDLERS[entry] === undefined)).toEqual([]);
  });
});

describe('dottedPath: the correlation id search', () => {
  it('walks a dotted path and answers undefined where it leads nowhere', () => {
    const event = { requestContext: { requestId: 'r-1' }, body: null };
    expect(dottedPath('requestContext.requestId', event)).toBe('r-1');
    expect(dottedPath('requestContext.missing', event)).toBeUndefined();
    expect(dottedPath('body.x', event)).toBeUndefined();
    expect(dottedPath('a', undefined)).toBeUndefined();
  });
});
