import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** A conditional write refused by its condition (the SDK's class, or its name across copies of the SDK). */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';
}
