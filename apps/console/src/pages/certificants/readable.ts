import type { CSSProperties } from 'react';

/**
 * Mantine's "dimmed" (gray 6) on white is 3.3:1, under WCAG AA's 4.5:1; inside this area's pages
 * and dialogs, field descriptions and dimmed text use gray 7 instead.
 */
export const READABLE = { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' } as CSSProperties;

/** A light alert's title is drawn in its colour's light shade (under 4.5:1 for orange and red): titles in the text colour. */
export const READABLE_ALERT = { title: { color: 'var(--mantine-color-text)' } };
