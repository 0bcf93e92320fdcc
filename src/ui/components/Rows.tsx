// Pre-laid-out rows (already wrapped to the width, colour included) as Ink text lines.
import React from 'react';
import { Box, Text } from 'ink';

export function Rows({ rows, height }: { rows: string[]; height?: number }): React.JSX.Element | null {
  if (!rows.length && !height) return null;
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      {rows.map((r, i) => <Text key={i} wrap="truncate-end">{r === '' ? ' ' : r}</Text>)}
    </Box>
  );
}
