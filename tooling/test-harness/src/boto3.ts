// An independent S3 client for tests: boto3 (and Python's zipfile) read back what edgecv wrote,
// sharing none of its code. The Python is the local stack's moto venv, which pip fills with
// boto3 when the stack installs; EDGECV_PYTHON names another one that has boto3.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultCacheDir, MOTO_VERSION } from '@edgecv/local-stack';

function python(): string {
  if (process.env.EDGECV_PYTHON) return process.env.EDGECV_PYTHON;
  const venv = path.join(defaultCacheDir(), `moto-${MOTO_VERSION}`, 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

const PRELUDE = `
import base64, hashlib, io, json, os, sys, zipfile
import boto3
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url=os.environ['AWS_ENDPOINT_URL_S3'], region_name=os.environ.get('AWS_REGION', 'us-east-1'),
                  config=Config(s3={'addressing_style': 'path'}))
`;

function runPython(script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python(), ['-c', `${PRELUDE}\n${script}`, ...args], { env: process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`boto3 helper failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

export interface Boto3Object {
  readonly size: number;
  readonly sha256: string;
  readonly contentType: string;
  readonly versionId?: string;
  /** When the object is a zip Python's zipfile can read: its entry names, CRCs all checked (testzip). */
  readonly zip?: { readonly names: readonly string[]; readonly badEntry: string | null };
}

/** The current object at `key` as boto3 sees it, or undefined when there is none. */
export async function boto3GetObject(bucket: string, key: string): Promise<Boto3Object | undefined> {
  const out = await runPython(
    `
try:
    r = s3.get_object(Bucket=sys.argv[1], Key=sys.argv[2])
except s3.exceptions.NoSuchKey:
    print('null'); sys.exit(0)
body = r['Body'].read()
out = {'size': len(body), 'sha256': hashlib.sha256(body).hexdigest(), 'contentType': r.get('ContentType', '')}
if r.get('VersionId') and r['VersionId'] != 'null': out['versionId'] = r['VersionId']
try:
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        out['zip'] = {'names': z.namelist(), 'badEntry': z.testzip()}
except zipfile.BadZipFile:
    pass
print(json.dumps(out))
`,
    [bucket, key],
  );
  return (JSON.parse(out) as Boto3Object | null) ?? undefined;
}

export interface Boto3Version {
  readonly versionId: string;
  readonly isLatest: boolean;
  readonly size: number;
  readonly sha256: string;
}

/** Every version of exactly `key`, newest first, each with the SHA-256 of its bytes. */
export async function boto3Versions(bucket: string, key: string): Promise<Boto3Version[]> {
  const out = await runPython(
    `
bucket, key = sys.argv[1], sys.argv[2]
versions = [v for v in s3.list_object_versions(Bucket=bucket, Prefix=key).get('Versions', []) if v['Key'] == key]
out = []
for v in versions:
    body = s3.get_object(Bucket=bucket, Key=key, VersionId=v['VersionId'])['Body'].read()
    out.append({'versionId': v['VersionId'], 'isLatest': v['IsLatest'], 'size': len(body), 'sha256': hashlib.sha256(body).hexdigest()})
print(json.dumps(out))
`,
    [bucket, key],
  );
  return JSON.parse(out) as Boto3Version[];
}

/** Keys under `prefix`, as boto3 lists them. */
export async function boto3ListKeys(bucket: string, prefix = ''): Promise<string[]> {
  const out = await runPython(
    `
keys = []
for page in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[1], Prefix=sys.argv[2]):
    keys += [o['Key'] for o in page.get('Contents', [])]
print(json.dumps(keys))
`,
    [bucket, prefix],
  );
  return JSON.parse(out) as string[];
}

/** A zip written by Python's zipfile (deflated): an archive from a producer that is not edgecv's. */
export async function pythonZip(entries: Readonly<Record<string, string>>): Promise<Buffer> {
  const out = await runPython(
    `
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in json.loads(sys.argv[1]).items():
        z.writestr(name, data)
print(base64.b64encode(buf.getvalue()).decode())
`,
    [JSON.stringify(entries)],
  );
  return Buffer.from(out.trim(), 'base64');
}

/** Every item of a DynamoDB table as boto3 reads it (whole numbers as numbers, binary as text). */
export async function boto3ScanTable(table: string): Promise<Record<string, unknown>[]> {
  const out = await runPython(
    `
from decimal import Decimal
from boto3.dynamodb.types import TypeDeserializer
ddb = boto3.client('dynamodb', endpoint_url=os.environ.get('AWS_ENDPOINT_URL_DYNAMODB'), region_name=os.environ.get('AWS_REGION', 'us-east-1'))
plain = TypeDeserializer()
items = []
for page in ddb.get_paginator('scan').paginate(TableName=sys.argv[1]):
    items += [{name: plain.deserialize(value) for name, value in item.items()} for item in page['Items']]
number = lambda v: (int(v) if v == int(v) else float(v)) if isinstance(v, Decimal) else str(v)
print(json.dumps(items, default=number))
`,
    [table],
  );
  return JSON.parse(out) as Record<string, unknown>[];
}
