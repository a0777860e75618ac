import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** A link to a certificant's page. */
export function CertificantLink({ certificantId, children }: { certificantId: string; children: ReactNode }) {
  return <Anchor renderRoot={(props) => <Link {...props} to="/certificants/$certificantId" params={{ certificantId }} search={{}} />}>{children}</Anchor>;
}
