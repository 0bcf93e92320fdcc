// The status line: inferior state and pid, port count, last result (or the running command), EAL args.
import React from 'react';
import { Text } from 'ink';

export function StatusLine({ text }: { text: string }): React.JSX.Element {
  return <Text wrap="truncate-end">{text}</Text>;
}
