/** A small line of the last values (oldest first), drawn as inline SVG; nothing until there are two. */
export function Sparkline({ values, label, width = 140, height = 32 }: { values: number[]; label: string; width?: number; height?: number }) {
  if (values.length < 2) {
    return <svg width={width} height={height} role="img" aria-label={`${label}: not enough samples yet`} />;
  }
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`);
  const area = `0,${height} ${points.join(' ')} ${width},${height}`;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="sparkline">
      <polygon points={area} fill="var(--pf-t--global--color--brand--default, #0066cc)" opacity={0.12} />
      <polyline
        points={points.join(' ')}
        fill="none"
        stroke="var(--pf-t--global--color--brand--default, #0066cc)"
        strokeWidth={1.5}
        strokeLinejoin="round"
      />
    </svg>
  );
}
