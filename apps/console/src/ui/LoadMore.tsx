import { Button, Group } from '@mantine/core';

/** The button under a list read a page at a time (lib/cursor-list.ts); nothing once the last page is in. */
export function LoadMore({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> } }) {
  if (!list.hasNextPage) return null;
  return (
    <Group>
      <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
        Load more
      </Button>
    </Group>
  );
}
