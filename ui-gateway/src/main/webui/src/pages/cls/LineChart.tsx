/**
 * A small time-series line chart drawn as inline SVG (no chart library): one or more series over a
 * fixed window ending now, the highest value as the scale, and a text summary for screen readers.
 */

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export interface Series {
  name: string;
  points: Point[];
  color: string;
  dashed?: boolean;
}

const WIDTH = 300;
const HEIGHT = 80;

/** A round number at or above {@code value} for the top of the scale (1, 2, 5 × 10^n). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

export function LineChart({
  title,
  series,
  windowMs,
  end,
  format,
  testId,
}: {
  title: string;
  series: Series[];
  windowMs: number;
  /** The right edge of the chart (the newest sample's time). */
  end: number;
  format: (v: number) => string;
  testId?: string;
}) {
  const start = end - windowMs;
  const max = niceCeiling(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.v))));
  const x = (t: number) => Math.max(0, Math.min(WIDTH, ((t - start) / windowMs) * WIDTH));
  const y = (v: number) => HEIGHT - (Math.max(0, v) / max) * (HEIGHT - 4) - 2;
  const summary = series
    .map((s) => {
      const last = s.points[s.points.length - 1];
      const peak = s.points.reduce((m, p) => Math.max(m, p.v), 0);
      return last ? `${s.name} now ${format(last.v)}, highest ${format(peak)}` : `${s.name}: no samples yet`;
    })
    .join('; ');
  const samples = series.reduce((n, s) => Math.max(n, s.points.length), 0);
  return (
    <figure style={{ margin: 0 }} data-testid={testId} data-samples={samples}>
      <figcaption style={{ display: 'flex', justifyContent: 'space-between', fontSize: '0.875rem' }}>
        <strong>{title}</strong>
        <span className="ce-numeric" aria-hidden="true">
          scale {format(max)}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={`${title}, last ${Math.round(windowMs / 60000)} minutes: ${summary}`}
        style={{ display: 'block', background: 'var(--pf-t--global--background--color--secondary--default, #f5f5f5)', borderRadius: 4 }}
      >
        {[0.25, 0.5, 0.75].map((f) => (
          <line
            key={f}
            x1={0}
            x2={WIDTH}
            y1={HEIGHT * f}
            y2={HEIGHT * f}
            stroke="currentColor"
            strokeOpacity={0.12}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {series.map((s) =>
          s.points.length === 1 ? (
            <circle key={s.name} cx={x(s.points[0].t)} cy={y(s.points[0].v)} r={2.5} fill={s.color} />
          ) : (
            <polyline
              key={s.name}
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              vectorEffect="non-scaling-stroke"
              points={s.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}
            />
          ),
        )}
      </svg>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: '0.75rem', opacity: 0.75 }} aria-hidden="true">
        <span>{Math.round(windowMs / 60000)} min ago</span>
        {series.length > 1 && (
          <span>
            {series.map((s) => (
              <span key={s.name} style={{ marginInline: 6 }}>
                <svg width="14" height="6" style={{ verticalAlign: 'middle' }}>
                  <line x1="0" x2="14" y1="3" y2="3" stroke={s.color} strokeWidth="2" strokeDasharray={s.dashed ? '4 3' : undefined} />
                </svg>{' '}
                {s.name}
              </span>
            ))}
          </span>
        )}
        <span>now</span>
      </div>
    </figure>
  );
}
