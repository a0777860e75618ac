import { Badge } from '@mantine/core';
import { STATUS_COLOR, STATUS_LABEL } from './words';

export function StatusBadge({ status, prefix }: { status: string; prefix?: string }) {
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="dot" style={{ textTransform: 'none' }}>
      {prefix ? `${prefix}: ` : ''}
      {STATUS_LABEL[status] ?? status}
    </Badge>
  );
}
