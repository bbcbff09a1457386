package org.openttserver.api.service;

import java.util.Optional;
import org.openttserver.api.cluster.Registration;

/**
 * Services that plugins offer one another, keyed by an interface.
 *
 * <p>A service interface lives in server-api (so every plugin sees the same class) or, for a
 * third party's own services, in a plugin that the user of the service names as a PF4J
 * dependency. A plugin {@linkplain #provide provides} an implementation in {@code start()};
 * others {@linkplain #find find} it <em>each time they need it</em>: the provider may be disabled
 * in the configuration, not installed, or stopped later, and then {@code find} is empty. A
 * dependent plugin must handle that as documented on the service interface (usually by
 * answering the client with a reduced result), never by failing at start-up.
 *
 * <p>Example, the login plugin offering accounts and another plugin using them:
 *
 * <pre>{@code
 * // in LoginPlugin.start()
 * context().services().provide(AccountDirectory.class, accounts::info);
 *
 * // in another plugin, while handling a message
 * Optional<AccountDirectory> dir = context().services().find(AccountDirectory.class);
 * if (dir.isEmpty()) {
 *   return null; // no accounts plugin: behave as documented
 * }
 * return dir.get().account(session.accountId()).thenAccept(...);
 * }</pre>
 *
 * <p>Calls into a service run on the caller's thread; implementations are thread-safe and do
 * not block (they answer with a {@link java.util.concurrent.CompletionStage} where work is
 * asynchronous).
 *
 * @since 0.2
 */
public interface Services {
  /**
   * Offers an implementation of a service. Removed when the returned registration is closed or
   * the providing plugin stops.
   *
   * @param type the service interface
   * @param implementation the implementation
   * @param <T> the service type
   * @return withdraws the service
   * @throws IllegalStateException if another plugin already provides {@code type}; the message
   *     names both plugins
   * @throws IllegalArgumentException if {@code type} is not an interface
   */
  <T> Registration provide(Class<T> type, T implementation);

  /**
   * Finds the current provider of a service.
   *
   * @param type the service interface
   * @param <T> the service type
   * @return the implementation, or empty if no running plugin provides it
   */
  <T> Optional<T> find(Class<T> type);
}
