package org.openttserver.it;

import java.nio.file.Path;
import java.util.List;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigLoader;

/**
 * A server with the built-in plugins in a child JVM (the account kill -9 test, the front-door
 * flood benchmark): starts from the configuration file given as the only argument, prints
 * {@code HTTP_PORT=<port>} (the account server), then {@code GAME_PORT=<port> DC_HASH=<hash>},
 * and runs until it is killed.
 */
public final class ChildServerMain {
  private ChildServerMain() {}

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
    System.out.println("GAME_PORT=" + EmbeddedServers.gamePort(s).getPort() + " DC_HASH="
        + s.dc().clientHash());
    System.out.flush();
    Thread.currentThread().join();
  }
}
