package org.openttserver.it.avatars;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.config.ConfigLoader;

/**
 * A server with the built-in plugins in a child JVM for the kill -9 test: starts from the
 * configuration file given as the only argument, prints {@code GAME_PORT=<port> DC_HASH=<hash>}, then obeys
 * lines {@code name <avatarId> <STATE> <wish name...>} on standard input (as the names plugin
 * would, through {@link AvatarDirectory#updateName}), answering {@code DONE <avatarId>} once the
 * change is stored, and {@code pending} with {@code PENDING [<avatarId>=<wish>, ...]} (the names
 * plugin's review queue), until it is killed.
 */
public final class AvatarChildMain {
  private AvatarChildMain() {}

  /**
   * Runs the server.
   *
   * @param args the configuration file
   * @throws Exception never in practice; the process is killed
   */
  public static void main(String[] args) throws Exception {
    Server s = Server.start(ConfigLoader.load(Path.of(args[0])), AvatarCluster.REPO,
        List.of(AvatarCluster.BUILTIN));
    int port = s.roles().stream().filter(ClientAgent.class::isInstance)
        .mapToInt(r -> ((ClientAgent) r).localAddress().getPort()).findFirst().orElseThrow();
    System.out.println("GAME_PORT=" + port + " DC_HASH=" + s.dc().clientHash());
    System.out.flush();
    AvatarDirectory dir = s.plugins().service(AvatarDirectory.class).orElseThrow();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("pending")) {
        var review = s.plugins().service(org.openttserver.api.service.NameReview.class)
            .orElseThrow();
        System.out.println("PENDING " + review.pending().toCompletableFuture()
            .get(10, TimeUnit.SECONDS).stream().map(n -> n.avatarId() + "=" + n.wishName())
            .sorted().toList());
        System.out.flush();
        continue;
      }
      String[] p = line.split(" ", 4);
      long id = Long.parseLong(p[1]);
      dir.updateName(id, new AvatarDirectory.NameChange(null,
          AvatarDirectory.NameState.valueOf(p[2]), p.length > 3 ? p[3] : ""))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      System.out.println("DONE " + id);
      System.out.flush();
    }
    Thread.currentThread().join();
  }
}
