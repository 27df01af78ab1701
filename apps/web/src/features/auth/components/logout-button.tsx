import { Button, Flex, FlexItem } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { logout } from '../api/session';
import { queryKeys } from '@/lib/query-keys';
import { useSession } from './auth-gate';

/** Masthead: who is logged in and a way out. Renders nothing without token auth. */
export function LogoutButton() {
  const client = useQueryClient();
  const { session } = useSession();
  const user = session.data?.user;
  if (!user) return null;
  const signOut = async () => {
    await logout().catch(() => undefined);
    client.setQueryData(queryKeys.session, null);
    client.removeQueries({
      predicate: (q) => q.queryKey[0] !== queryKeys.session[0] && q.queryKey[0] !== queryKeys.health[0],
    });
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
