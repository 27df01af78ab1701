import { useState, type FormEvent } from 'react';
import {
  ActionGroup,
  Alert,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError } from '@/components/api-error-alert';
import { ApiError } from '@/lib/api-client';
import { login } from '../api/session';
import { queryKeys } from '@/lib/query-keys';

/**
 * `--auth token`: the console asks for a Kubernetes bearer token. It goes to the API once (POST
 * /api/session), which keeps it server-side; the browser keeps only an httpOnly cookie.
 */
export function LoginPage() {
  const client = useQueryClient();
  const [token, setToken] = useState('');
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      setToken('');
      client.setQueryData(queryKeys.session, session);
      // Anything fetched before (as nobody, or as someone else) is not this user's view.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim()) mutation.mutate(token.trim());
  };
  const error = mutation.error;
  const message =
    error instanceof ApiError && error.status === 401
      ? 'The Kubernetes API server rejected this token.'
      : error
        ? describeError(error).message
        : undefined;

  return (
    <Bullseye style={{ minHeight: '100vh' }}>
      <Card style={{ width: 460 }}>
        <CardTitle component="h1">Log in to Sluice</CardTitle>
        <CardBody>
          <Form onSubmit={submit}>
            {message && (
              <Alert variant="danger" isInline title="Login failed" data-testid="login-error">
                {message}
              </Alert>
            )}
            <FormGroup label="Kubernetes bearer token" isRequired fieldId="login-token">
              <TextInput
                id="login-token"
                name="token"
                type="password"
                autoComplete="off"
                isRequired
                value={token}
                onChange={(_e, value) => setToken(value)}
              />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>
                    For example from <code>kubectl create token &lt;service-account&gt;</code>. Kubernetes RBAC decides
                    what you may see and change.
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <ActionGroup>
              <Button
                type="submit"
                variant="primary"
                isDisabled={!token.trim() || mutation.isPending}
                isLoading={mutation.isPending}
              >
                Log in
              </Button>
            </ActionGroup>
          </Form>
        </CardBody>
      </Card>
    </Bullseye>
  );
}
