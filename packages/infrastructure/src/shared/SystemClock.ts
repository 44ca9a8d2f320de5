import type { Clock } from '@edgecv/use-cases';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
