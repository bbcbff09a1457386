package org.openttserver.api.session;

/**
 * Who may send a 2003 message type.
 *
 * @since 0.1
 */
public enum Access {
  /** Any connected client, logged in or not (login messages). */
  ANYONE,
  /** Only a client whose session is authenticated; others are ejected with code 113. */
  LOGGED_IN
}
