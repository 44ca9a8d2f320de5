/**
 * The SageMaker Neo `TargetDevice` values (OutputConfig.TargetDevice of CreateCompilationJob),
 * as listed by the AWS SDK for JavaScript v3 `TargetDevice` enum. Data, not logic: the legacy
 * rule that splits flat compilation files (`{model}-{target}.tar.gz`) only trusts a split
 * whose tail is one of these, and none of them contains a `-`.
 */
export const NEO_TARGETS = /* @__PURE__ */ Object.freeze([
  'lambda',
  'ml_m4',
  'ml_m5',
  'ml_m6g',
  'ml_c4',
  'ml_c5',
  'ml_c6g',
  'ml_p2',
  'ml_p3',
  'ml_g4dn',
  'ml_inf1',
  'ml_inf2',
  'ml_trn1',
  'ml_eia2',
  'jetson_tx1',
  'jetson_tx2',
  'jetson_nano',
  'jetson_xavier',
  'rasp3b',
  'rasp4b',
  'imx8qm',
  'imx8mplus',
  'deeplens',
  'rk3399',
  'rk3288',
  'aisage',
  'sbe_c',
  'qcs605',
  'qcs603',
  'sitara_am57x',
  'amba_cv2',
  'amba_cv22',
  'amba_cv25',
  'x86_win32',
  'x86_win64',
  'coreml',
  'jacinto_tda4vm',
] as const);

/** One of NEO_TARGETS. */
export type NeoTarget = (typeof NEO_TARGETS)[number];

const KNOWN: ReadonlySet<string> = /* @__PURE__ */ new Set(NEO_TARGETS);

/** True when `value` is a known SageMaker Neo target device. */
export function isNeoTarget(value: unknown): value is NeoTarget {
  return typeof value === 'string' && KNOWN.has(value);
}
