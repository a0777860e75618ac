import { Progress, Stack, Text } from '@mantine/core';

/**
 * A progress bar with its words: the bar itself is the progressbar (Mantine's own puts the name
 * on the root, where axe refuses it), and the words are shown as well as read out.
 */
export function LabelledProgress({ label, percent, words, moving }: { label: string; percent: number; words: string; moving: boolean }) {
  const value = Math.max(0, Math.min(100, percent));
  return (
    <Stack gap={4}>
      <Progress.Root size="lg">
        <Progress.Section
          value={value}
          withAria={false}
          animated={moving}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(value)}
          aria-valuetext={words}
        />
      </Progress.Root>
      <Text size="sm">{words}</Text>
    </Stack>
  );
}
