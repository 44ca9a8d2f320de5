// The load test's HTML report: one self-contained page (inline SVG, no script, no CDN) with the
// p50/p95 latency of each operation per second, the users running, and the summary table.
import type { LoadTestResult } from './runLoadTest';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function htmlReport(result: LoadTestResult, meta: { target: string; startedAt: Date; shape: string }): string {
  const ops = Object.keys(result.operations);
  const width = 960;
  const height = 360;
  const pad = { left: 60, right: 60, top: 20, bottom: 40 };
  const seconds = Math.max(1, result.timeline.length);
  const maxLatency = Math.max(1, ...result.timeline.flatMap((s) => Object.values(s.latency).map((l) => l.p95)));
  const maxUsers = Math.max(1, ...result.timeline.map((s) => s.users));
  const x = (second: number) => pad.left + (second / Math.max(1, seconds - 1)) * (width - pad.left - pad.right);
  const y = (ms: number) => height - pad.bottom - (ms / maxLatency) * (height - pad.top - pad.bottom);
  const yUsers = (u: number) => height - pad.bottom - (u / maxUsers) * (height - pad.top - pad.bottom);

  const line = (points: [number, number][], colour: string, dash = '') =>
    points.length === 0 ? '' : `<polyline fill="none" stroke="${colour}" stroke-width="1.5" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}"/>`;
  const series = ops
    .map((op, i) => {
      const colour = COLOURS[i % COLOURS.length] as string;
      const p95: [number, number][] = [];
      const p50: [number, number][] = [];
      for (const s of result.timeline) {
        const l = s.latency[op];
        if (l) {
          p95.push([x(s.second), y(l.p95)]);
          p50.push([x(s.second), y(l.p50)]);
        }
      }
      return line(p95, colour) + line(p50, colour, '4 3');
    })
    .join('\n');
  const users = line(result.timeline.map((s) => [x(s.second), yUsers(s.users)]), '#888', '1 3');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<text x="${pad.left - 6}" y="${y(maxLatency * f) + 4}" text-anchor="end">${Math.round(maxLatency * f)} ms</text><line x1="${pad.left}" x2="${width - pad.right}" y1="${y(maxLatency * f)}" y2="${y(maxLatency * f)}" stroke="#eee"/>`)
    .join('');
  const legend = ops.map((op, i) => `<span style="color:${COLOURS[i % COLOURS.length]}">&#9632; ${escape(op)}</span>`).join(' &nbsp; ');
  const rows = Object.entries(result.operations)
    .map(([op, s]) => `<tr><td>${escape(op)}</td><td>${s.count}</td><td>${s.errors}</td><td>${s.p50}</td><td>${s.p95}</td><td>${s.p99}</td><td>${s.max}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>edgecv load test ${escape(meta.startedAt.toISOString())}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child,th:first-child{text-align:left}svg text{font-size:11px;fill:#555}</style></head>
<body>
<h1>edgecv load test</h1>
<p>Target <code>${escape(meta.target)}</code>, ${escape(meta.shape)}, started ${escape(meta.startedAt.toISOString())}, ran ${result.durationSeconds} s with up to ${result.peakUsers} users.</p>
<p><strong>${result.requests}</strong> requests, <strong>${result.throughput}</strong> requests/s, error rate <strong>${(result.errorRate * 100).toFixed(2)}%</strong>.</p>
<h2>Latency per second (solid p95, dashed p50; dotted grey: users, right axis)</h2>
<p>${legend}</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="latency chart">
${ticks}
<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#999"/>
<text x="${width / 2}" y="${height - 8}" text-anchor="middle">seconds (0 to ${seconds - 1})</text>
<text x="${width - pad.right + 6}" y="${yUsers(maxUsers) + 4}">${maxUsers} users</text>
${users}
${series}
</svg>
<h2>Summary (milliseconds)</h2>
<table><tr><th>operation</th><th>count</th><th>errors</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>${rows}</table>
${result.errorSamples.length > 0 ? `<h2>First errors</h2><ul>${result.errorSamples.map((e) => `<li><code>${escape(e)}</code></li>`).join('')}</ul>` : ''}
</body></html>
`;
}
