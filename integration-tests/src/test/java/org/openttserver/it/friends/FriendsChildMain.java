package org.openttserver.it.friends;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigLoader;

/**
 * A server with the built-in plugins in a child JVM for the kill -9 test. Starts from the
 * configuration file given as the only argument, prints {@code READY}, then obeys lines on
 * standard input until it is killed:
 *
 * <ul>
 *   <li>{@code make <n>}: makes n toons in the database, answers {@code TOONS <id> ...};
 *   <li>{@code pairs <a> <b> <a> <b> ...}: starts every {@link FriendDirectory#addPair} at once,
 *       answering {@code ADDED <a> <b>} as each is acknowledged ({@code DONE});
 *   <li>{@code lists <id> ...}: answers {@code LIST <id> <friend>,<friend>...} per toon, through
 *       the service (which waits for the journal's replay), then {@code END}.
 * </ul>
 */
public final class FriendsChildMain {
  private FriendsChildMain() {}

  /**
   * Runs the server.
   *
   * @param args the configuration file
   * @throws Exception never in practice; the process is killed
   */
  public static void main(String[] args) throws Exception {
    Server s = Server.start(ConfigLoader.load(Path.of(args[0])), EmbeddedServers.REPO,
        List.of(EmbeddedServers.BUILTIN));
    AstronBridge bridge = AstronBridge.create(s.newParticipant("friends-child"), 77_000_000_555L,
        s.dc().file(), BridgeSettings.defaults());
    DcClass toon = s.dc().file().dclass("DistributedToon");
    FriendDirectory friends = s.plugins().service(FriendDirectory.class).orElseThrow();
    System.out.println("READY");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] p = line.split(" ");
      switch (p[0]) {
        case "make" -> {
          StringBuilder out = new StringBuilder("TOONS");
          for (int i = 0; i < Integer.parseInt(p[1]); i++) {
            long id = bridge.database().create(toon, FieldValues.builder(toon)
                .set("setName", "Pal " + i).set("setDNAString", (Object) FriendsCluster.DOG)
                .build()).get(10, TimeUnit.SECONDS);
            out.append(' ').append(id);
          }
          System.out.println(out);
        }
        case "pairs" -> {
          for (int i = 1; i + 1 < p.length; i += 2) {
            long a = Long.parseLong(p[i]);
            long b = Long.parseLong(p[i + 1]);
            friends.addPair(a, b, 0).thenAccept(r -> {
              if (r == FriendDirectory.PairResult.DONE) {
                synchronized (System.out) {
                  System.out.println("ADDED " + a + " " + b);
                  System.out.flush();
                }
              }
            });
          }
        }
        case "lists" -> {
          for (int i = 1; i < p.length; i++) {
            long id = Long.parseLong(p[i]);
            List<String> ids = new ArrayList<>();
            friends.friendsOf(id).toCompletableFuture().get(20, TimeUnit.SECONDS)
                .forEach(f -> ids.add(Long.toString(f.friendId())));
            System.out.println("LIST " + id + " " + String.join(",", ids));
          }
          System.out.println("END");
        }
        default -> System.out.println("UNKNOWN " + line);
      }
      System.out.flush();
    }
    Thread.currentThread().join();
  }
}
