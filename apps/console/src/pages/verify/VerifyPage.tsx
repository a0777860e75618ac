import { Alert, Badge, Button, Container, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Page, QueryState } from '../../ui/Page';
import { certificateKeys, verifyCertificate, type VerifiedCertificate } from '../certificates/certificates-api';

/**
 * Issue 6.7, D7.2: the public check of a certificate by its verification code. No sign-in, no
 * shell: anyone holding a code (an employer, a gym) lands here.
 */
export function VerifyPage({ code, onVerify }: { code: string | null; onVerify: (code: string) => void }) {
  const [typed, setTyped] = useState(code ?? '');
  useEffect(() => setTyped(code ?? ''), [code]);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = typed.trim().toUpperCase();
    if (!normalized) {
      setError('Type the verification code printed on the certificate.');
      return;
    }
    setError(null);
    onVerify(normalized);
  };

  return (
    <Container component="main" size="sm" py="xl">
      <Page title="Verify a certificate">
        <Text>Check a certificate with the verification code printed on it. No sign-in needed.</Text>
        <form onSubmit={submit} aria-label="Verify a code">
          <Group align="flex-start">
            <TextInput
              label="Verification code"
              placeholder="XXXX-XXXX-XX"
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              error={error}
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              w={260}
            />
            <Button type="submit" mt={25}>
              Verify
            </Button>
          </Group>
        </form>
        {code && <Verification code={code} />}
      </Page>
    </Container>
  );
}

function Verification({ code }: { code: string }) {
  const verification = useQuery({ queryKey: certificateKeys.verify(code), queryFn: () => verifyCertificate(code) });
  if (verification.error instanceof ApiError && verification.error.status === 404) {
    return (
      <Alert color="red" title="No such certificate" role="alert">
        {verification.error.message} Check the code as printed on the certificate; it looks like XXXX-XXXX-XX.
      </Alert>
    );
  }
  return (
    <QueryState loading={verification.isPending} error={verification.error}>
      {verification.data && <CertificateCard certificate={verification.data} />}
    </QueryState>
  );
}

function CertificateCard({ certificate }: { certificate: VerifiedCertificate }) {
  const valid = certificate.status === 'valid';
  const rows: [string, string][] = [
    ['Holder', certificate.holder],
    ['Certification', certificate.withDistinction ? `${certificate.certification},*D (with Distinction)` : certificate.certification],
    ['Recertified for cycle', certificate.cycle],
    ['Issued on', certificate.issuedOn],
    ['Valid through', certificate.validThrough],
    ['Verification code', certificate.verificationCode],
  ];
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="certificate-title">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" id="certificate-title">
            {valid ? 'A valid certificate' : 'An expired certificate'}
          </Title>
          <Badge color={valid ? 'teal.9' : 'red.9'} variant="filled" size="lg">
            {valid ? 'Valid' : 'Expired'}
          </Badge>
        </Group>
        <Table variant="vertical" withTableBorder aria-label="Certificate">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={200}>{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm">
          {valid
            ? `${certificate.holder} holds ${certificate.certification} through ${certificate.validThrough}.`
            : `This certificate ran out on ${certificate.validThrough}; it no longer shows a current certification.`}
        </Text>
      </Stack>
    </Paper>
  );
}
