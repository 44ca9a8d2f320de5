import { CorruptImageError, ImageTooLargeError } from './ImageOptimizationErrors';
import { cloudfrontUrl, imageStorageConfig } from './ImageStorageConfig';
import { S3PermissionError, S3UploadError } from './ImageStorageErrors';
import { currentImageKey, legacyImageKey } from './legacyImageKey';
import { ServiceAccessDeniedError, ServiceResourceNotFoundError, ServiceThrottledError, ServiceUnavailableError, isTransient } from '../ports/ServiceErrors';
import { describeError } from './ImageOperationLog';
import { sniffImageFormat } from './sniffImageFormat';
import { OperationTimeoutError, withDeadline } from './withDeadline';

describe('image storage configuration', () => {
  it('defaults to the schedule and limits of spec 003', () => {
    expect(imageStorageConfig({ bucket: 'b' })).toMatchObject({ retryDelaysMs: [1000, 2000, 4000], timeoutMs: 30_000, cacheControl: 'max-age=31536000' });
  });

  it('builds CloudFront URLs with each key segment encoded and the slashes kept', () => {
    expect(cloudfrontUrl('https://d1.cloudfront.net/', 'generated_images/a b+c.webp')).toBe('https://d1.cloudfront.net/generated_images/a%20b%2Bc.webp');
  });
});

describe('withDeadline', () => {
  it('passes through what finishes in time', async () => {
    await expect(withDeadline('op', 1000, async () => 42)).resolves.toBe(42);
  });

  it('aborts the signal and rejects with a timeout when the operation overruns, even if it ignores the signal', async () => {
    let aborted = false;
    const started = Date.now();
    const error = await withDeadline('upload', 50, (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => undefined);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect(error).toMatchObject({ code: 'OPERATION_TIMEOUT', operation: 'upload', timeoutMs: 50 });
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('reading object store failures', () => {
  // The adapters translate provider errors (SlowDown, 403, resets) into these; the S3 adapter's
  // translation is tested against the SDK's real errors in s3Errors.test.ts.
  const s3 = { service: 'S3' as const, operation: 'PutObject' };
  it.each([
    [new ServiceThrottledError(s3), true],
    [new ServiceUnavailableError(s3), true],
    [new OperationTimeoutError('upload', 1), true],
    [new ServiceAccessDeniedError(s3), false],
    [new ServiceResourceNotFoundError(s3, 'bucket'), false],
    [new TypeError('bug'), false],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), false],
  ])('%o is transient: %s', (error, expected) => {
    expect(isTransient(error)).toBe(expected);
  });

  it('logs the stable code and the service, never an SDK status', () => {
    const error = new ServiceThrottledError({ ...s3, providerCode: 'SlowDown', httpStatus: 503 });
    expect(describeError(error)).toEqual({ error: error.message, errorName: 'ServiceThrottledError', errorCode: 'S3_THROTTLED', service: 'S3', operation: 'PutObject', providerCode: 'SlowDown', httpStatus: 503 });
  });
});

describe('errors for users and for logs', () => {
  it('carry a correlation id, a plain message for the user and the detail for the logs', () => {
    const cause = Object.assign(new Error('503 SlowDown from s3.amazonaws.com'), { name: 'SlowDown' });
    const error = new S3UploadError({ assignmentId: 'a1', key: 'generated_images/a1.webp', attempts: 4, correlationId: 'c-1', cause });
    expect(error.userMessage).toBe('Upload failed. Please try again later.');
    expect(error.toLogFields()).toEqual({
      code: 'S3_UPLOAD_FAILED',
      correlationId: 'c-1',
      error: 'upload of the image of assignment a1 failed after 4 attempt(s)',
      cause: { name: 'SlowDown', message: '503 SlowDown from s3.amazonaws.com' },
    });
  });

  it('make up a correlation id when none is given, different each time', () => {
    const a = new S3PermissionError('upload', { assignmentId: 'a' });
    const b = new S3PermissionError('upload', { assignmentId: 'a' });
    expect(a.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.correlationId).not.toBe(b.correlationId);
  });

  it('name the offending input of an optimisation failure', () => {
    expect(new CorruptImageError('truncated', 120)).toMatchObject({ code: 'IMAGE_CORRUPT', reason: 'truncated', inputBytes: 120 });
    expect(new ImageTooLargeError({ width: 9000, height: 9000, pixels: 81e6, bytes: 1 }, { pixels: 64e6, bytes: 2 }).message).toContain('9000x9000');
  });
});

describe('image formats and legacy names', () => {
  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'png'],
    [[0xff, 0xd8, 0xff, 0xe0], 'jpeg'],
    [[...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')], 'webp'],
    [[...Buffer.from('GIF89a')], 'gif'],
    [[1, 2, 3], 'unknown'],
    [[], 'unknown'],
  ])('sniffs %j as %s', (bytes, format) => {
    expect(sniffImageFormat(Uint8Array.from(bytes)).format).toBe(format);
  });

  it('reads s3_image_name as a bare file name in generated_images/ or as a full key', () => {
    expect(legacyImageKey('17.png')).toBe('generated_images/17.png');
    expect(legacyImageKey('old/images/17.png')).toBe('old/images/17.png');
    expect(currentImageKey({ assignmentId: '17', s3ImageKey: 'generated_images/17.webp', legacyImageName: '17.png' })).toBe('generated_images/17.webp');
    expect(currentImageKey({ assignmentId: '17' })).toBeUndefined();
  });
});
