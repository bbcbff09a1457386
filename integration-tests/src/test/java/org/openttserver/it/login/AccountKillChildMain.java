package org.openttserver.it.login;

import java.nio.file.Path;
import java.util.List;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigLoader;

/**
 * A server with the built-in plugins in a child JVM for {@link AccountKillTest}: starts from the
 * configuration file given as the only argument, prints {@code HTTP_PORT=<port>} (the account
 * server) and waits to be killed.
 */
public final class AccountKillChildMain {
  private AccountKillChildMain() {}

  /**
   * Runs the server.
   *
   * @param args the configuration file
   * @throws Exception never in practice; the process is killed
   */
  public static void main(String[] args) throws Exception {
    Server s = Server.start(ConfigLoader.load(Path.of(args[0])), EmbeddedServers.REPO,
        List.of(EmbeddedServers.BUILTIN));
    System.out.println("HTTP_PORT=" + EmbeddedServers.accountServerPort(s));
    System.out.flush();
    Thread.currentThread().join();
  }
}
