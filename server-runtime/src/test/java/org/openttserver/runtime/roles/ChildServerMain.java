package org.openttserver.runtime.roles;

import java.nio.file.Path;
import java.util.List;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.testing.TestServers;

/**
 * Runs a server in a child JVM for the kill -9 test: starts from the configuration file given as
 * the only argument, prints {@code MD_PORT=<port>} once it serves, then waits to be killed.
 */
public final class ChildServerMain {
  private ChildServerMain() {}

  /**
   * Starts the server.
   *
   * @param args the configuration file
   * @throws InterruptedException never in practice; the process is killed
   */
  public static void main(String[] args) throws InterruptedException {
    Server s = Server.start(ConfigLoader.load(Path.of(args[0])), TestServers.REPO, List.of());
    System.out.println("MD_PORT=" + s.mdAddress().getPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}
