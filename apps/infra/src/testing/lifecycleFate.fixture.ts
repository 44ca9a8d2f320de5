// What S3 lifecycle does to one object under a synthesized LifecycleConfiguration, following the
// documented rules: a rule applies when its prefix, every tag and the size bounds match; a
// transition rule without a size filter skips objects under 128 KB when the bucket default is
// all_storage_classes_128K (Glacier excepted under varies_by_storage_class).
export interface LifecycleObject {
  readonly key: string;
  readonly sizeBytes: number;
  readonly tags: Readonly<Record<string, string>>;
}

export interface LifecycleFate {
  /** Day (from creation) the object enters each storage class, when it does. */
  readonly transitions: Readonly<Record<string, number>>;
  readonly expiresOnDay: number | undefined;
}

interface Rule {
  Status: string;
  Prefix?: string;
  TagFilters?: { Key: string; Value: string }[];
  ObjectSizeGreaterThan?: number | string;
  ObjectSizeLessThan?: number | string;
  Transitions?: { StorageClass: string; TransitionInDays: number }[];
  ExpirationInDays?: number;
}

export interface LifecycleConfiguration {
  readonly Rules: readonly Rule[];
  readonly TransitionDefaultMinimumObjectSize?: string;
}

const KB128 = 128 * 1024;

export function lifecycleFate(config: LifecycleConfiguration, object: LifecycleObject): LifecycleFate {
  const transitions: Record<string, number> = {};
  let expiresOnDay: number | undefined;
  for (const rule of config.Rules) {
    if (rule.Status !== 'Enabled' || !matches(rule, object)) continue;
    for (const t of rule.Transitions ?? []) {
      if (!sizeAllowsTransition(config, rule, t.StorageClass, object.sizeBytes)) continue;
      transitions[t.StorageClass] = Math.min(transitions[t.StorageClass] ?? Infinity, t.TransitionInDays);
    }
    if (rule.ExpirationInDays !== undefined) expiresOnDay = Math.min(expiresOnDay ?? Infinity, rule.ExpirationInDays);
  }
  return { transitions, expiresOnDay };
}

function matches(rule: Rule, object: LifecycleObject): boolean {
  if (rule.Prefix !== undefined && !object.key.startsWith(rule.Prefix)) return false;
  for (const tag of rule.TagFilters ?? []) if (object.tags[tag.Key] !== tag.Value) return false;
  if (rule.ObjectSizeGreaterThan !== undefined && !(object.sizeBytes > Number(rule.ObjectSizeGreaterThan))) return false;
  if (rule.ObjectSizeLessThan !== undefined && !(object.sizeBytes < Number(rule.ObjectSizeLessThan))) return false;
  return true;
}

function sizeAllowsTransition(config: LifecycleConfiguration, rule: Rule, storageClass: string, size: number): boolean {
  // "Custom filters always take precedence over the default transition behavior."
  if (rule.ObjectSizeGreaterThan !== undefined || rule.ObjectSizeLessThan !== undefined) return true;
  if (size >= KB128) return true;
  const variesByClass = config.TransitionDefaultMinimumObjectSize === 'varies_by_storage_class';
  return variesByClass && (storageClass === 'GLACIER' || storageClass === 'DEEP_ARCHIVE');
}
