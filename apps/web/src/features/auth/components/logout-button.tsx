import { Button, Flex, FlexItem } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { logout, sessionKey } from '../api/session';
import { useSession } from './auth-gate';

/** Masthead: who is logged in and a way out. Renders nothing without token auth. */
export function LogoutButton() {
  const client = useQueryClient();
  const { session } = useSession();
  const user = session.data?.user;
  if (!user) return null;
  const signOut = async () => {
    await logout().catch(() => undefined);
    client.setQueryData(sessionKey, null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] && q.queryKey[0] !== 'health' });
  };
  return (
    <Flex
      alignItems={{ default: 'alignItemsCenter' }}
      spaceItems={{ default: 'spaceItemsSm' }}
      flexWrap={{ default: 'nowrap' }}
    >
      <FlexItem data-testid="session-user">{user.username}</FlexItem>
      <FlexItem>
        <Button variant="secondary" size="sm" onClick={() => void signOut()}>
          Log out
        </Button>
      </FlexItem>
    </Flex>
  );
}
