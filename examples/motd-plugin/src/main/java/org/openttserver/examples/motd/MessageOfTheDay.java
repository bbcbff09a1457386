package org.openttserver.examples.motd;

import java.util.concurrent.CompletionStage;

// tag::service-interface[]
/**
 * The motd plugin's service: other plugins (an admin page, a magic word) read and change the
 * message. Such a plugin names {@code motd} in its {@code plugin.dependencies}, so that it sees
 * this interface, and finds the service each time it needs it.
 */
public interface MessageOfTheDay {
  /** {@return the message toons see when they enter the game now} */
  String text();

  /**
   * Changes the message for every toon entering from now on, and keeps it across restarts.
   *
   * @param text the new message
   * @return completes once the message is saved
   */
  CompletionStage<Void> change(String text);
}
// end::service-interface[]
