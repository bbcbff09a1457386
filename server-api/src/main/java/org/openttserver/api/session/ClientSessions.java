package org.openttserver.api.session;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Registration;

/**
 * The connected clients known to the extension.
 *
 * @since 0.1
 */
public interface ClientSessions {
  /**
   * Finds a session.
   *
   * @param connectionChannel its connection channel
   * @return the session, if connected
   */
  Optional<ClientSession> byConnection(long connectionChannel);

  /**
   * Finds the session of a logged-in account.
   *
   * @param accountId the account
   * @return the session, if one is logged in
   */
  Optional<ClientSession> byAccount(long accountId);

  /** {@return a snapshot of every connected session} */
  Collection<ClientSession> all();

  /**
   * Calls the listener for every new session (before its first message is handled).
   *
   * @param listener the listener
   * @return removes it
   */
  Registration onConnect(Consumer<ClientSession> listener);

  /**
   * Calls the listener when a session ends, for whatever reason.
   *
   * @param listener the listener; the session's attributes are still readable
   * @return removes it
   */
  Registration onDisconnect(Consumer<ClientSession> listener);

  /**
   * Calls the listener when a logged-in session's account logs out while the connection stays:
   * the client logged in again on the same connection, as another account (the 2003 client does
   * this after "Logout"). It runs when the session authenticates as the new account: {@code
   * accountId()} and {@code accountName()} are still the old account's, but the login plugin may
   * already have moved the connection's channels and client id to the new one, so drop what
   * belonged to the old account through the cluster by its ids (its avatar in the world, its
   * presence), not through this session's channels. Not called when the same account logs in
   * again on the connection, nor on a disconnect (see {@link #onDisconnect}).
   *
   * @param listener the listener
   * @return removes it
   * @since 0.2
   */
  default Registration onLogout(Consumer<ClientSession> listener) {
    // A default only so that implementations written for 0.1 (test fakes) still compile.
    throw new UnsupportedOperationException(getClass().getName() + " does not report logouts");
  }
}
