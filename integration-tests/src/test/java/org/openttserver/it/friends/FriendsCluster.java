package org.openttserver.it.friends;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * An embedded server with every role and the built-in plugins (login, avatars, names, friends),
 * and helpers for friend tests: clients that log in, make a toon and enter the world with it,
 * and waits for a message that skip the others (field updates and 53/54 interleave).
 */
final class FriendsCluster implements AutoCloseable {
  static final Duration SLOW = Duration.ofSeconds(10);
  /** A boy dog Make-A-Toon can make. */
  static final byte[] DOG = EmbeddedServers.DOG;

  final Server server;
  private LocalParticipant admin;
  private AstronBridge bridge;

  private FriendsCluster(Server server) {
    this.server = server;
  }

  static FriendsCluster start(Path dir) {
    return new FriendsCluster(EmbeddedServers.start(dir, yaml(dir), "friends-plugin.jar"));
  }

  static String yaml(Path dir) {
    return EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC,
        EmbeddedServers.UNLIMITED_CLIENTS, true,
        EmbeddedServers.TEST_LOGIN
        + "  avatars:\n    enabled: true\n  friends:\n    enabled: true\n");
  }

  InetSocketAddress gamePort() {
    return server.roles().stream().filter(ClientAgent.class::isInstance)
        .map(r -> ((ClientAgent) r).localAddress()).findFirst().orElseThrow();
  }

  FriendDirectory friends() {
    return server.plugins().service(FriendDirectory.class).orElseThrow();
  }

  DcClass toonClass() {
    return server.dc().file().dclass("DistributedToon");
  }

  /** A client logged in as {@code name}, with one toon; {@link Player#toon} is its id. */
  Player player(String name) {
    ScriptedClient c = ScriptedClient.connect(gamePort());
    login(c, server.dc().clientHash(), name);
    c.send(new CreateAvatar(0, DOG, 0));
    CreateAvatarResp r = c.expect(CreateAvatarResp.class, SLOW);
    assertThat(r.returnCode()).isZero();
    return new Player(c, r.avatarId().getAsLong(), name);
  }

  static void login(ScriptedClient c, long hash, String name) {
    c.send(new Login2(name, "sv1.0.6.9", hash, ClientMsg.TokenType.PLAY_TOKEN));
    assertThat(c.expect(Login2Resp.class, SLOW).returnCode()).isZero();
  }

  /** One client and its toon. */
  record Player(ScriptedClient client, long toon, String name) implements AutoCloseable {
    /** SET_AVATAR of its toon, waiting for the 15. */
    void enter() {
      client.send(new SetAvatar(toon));
      GetAvatarDetailsResp d = await(client, GetAvatarDetailsResp.class, x -> true);
      assertThat(d.returnCode()).isZero();
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /**
   * Waits for a message of a class that matches, skipping (and returning nothing of) others.
   *
   * @throws AssertionError if none comes within {@link #SLOW}
   */
  static <M extends ClientBound> M await(ScriptedClient c, Class<M> type, Predicate<M> match) {
    return awaitAll(c, type, match, new ArrayList<>());
  }

  /** As {@link #await}; everything received before it is added to {@code skipped}. */
  static <M extends ClientBound> M awaitAll(ScriptedClient c, Class<M> type, Predicate<M> match,
      List<ClientBound> skipped) {
    int wanted = Protocol2003.codec(type).type();
    long end = System.nanoTime() + SLOW.toNanos();
    while (System.nanoTime() < end) {
      Optional<byte[]> body = c.receive(Duration.ofMillis(100));
      if (body.isEmpty()) {
        continue;
      }
      DatagramReader r = new DatagramReader(body.get());
      int t = r.readU16();
      Optional<ClientBound> m = Protocol2003.clientBound(t).map(codec -> codec.readAll(r));
      if (t == wanted && type.isInstance(m.orElse(null)) && match.test(type.cast(m.get()))) {
        return type.cast(m.get());
      }
      m.ifPresent(skipped::add);
    }
    throw new AssertionError("no matching " + type.getSimpleName() + " within " + SLOW
        + "; skipped " + skipped);
  }

  /** A bridge of the test's own, on a participant of the embedded message director. */
  synchronized AstronBridge bridge() {
    if (bridge == null) {
      admin = server.newParticipant("friends-test");
      bridge = AstronBridge.create(admin, 77_000_000_321L, server.dc().file(),
          BridgeSettings.defaults());
    }
    return bridge;
  }

  /** {@return the ids on a toon's list in the database} */
  List<Long> storedList(long toon) {
    FieldValues v = await(bridge().database().get(toon, toonClass(), "setFriendsList"));
    List<?> l = v.find("setFriendsList").map(x -> (List<?>) x.get(0)).orElse(List.of());
    return l.stream().map(p -> ((Number) ((List<?>) p).get(0)).longValue()).toList();
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (bridge != null) {
      bridge.close();
    }
    if (admin != null) {
      admin.close();
    }
    server.close();
  }
}
