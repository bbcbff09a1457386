package org.openttserver.it.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.protocol.SetShard;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.testclient.Hex;
import org.openttserver.testclient.ai.TestAi;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * An embedded server with every role and the built-in plugins (login, avatars, districts,
 * zones), a stand-in AI ({@link TestAi}) that makes districts and objects in their zones, and
 * helpers that take scripted clients into the game and through zone changes, recording exactly
 * which objects each change generated and disabled.
 */
final class ZonesCluster implements AutoCloseable {
  static final Path REPO = EmbeddedServers.REPO;
  static final Path REFERENCE_DNA = REPO.resolve("../shared/reference/dna").normalize();
  static final Duration SLOW = Duration.ofSeconds(10);
  /** A boy dog Make-A-Toon can make. */
  static final byte[] DOG = EmbeddedServers.DOG;
  static final long AI_CHANNEL = 4_100_000_000L;

  final Server server;
  final TestAi ai;
  private final LocalParticipant aiLink;

  /** One client in the game: its connection and its toon. */
  record Player(ScriptedClient client, long avatarId, String name) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }

  /**
   * What one SET_ZONE brought, from its 47 to its 48.
   *
   * @param generated doIds of 34/35, in arrival order
   * @param disabled doIds of 25, in arrival order
   * @param other types of anything else that came in between
   */
  record Change(List<Long> generated, List<Long> disabled, List<Integer> other) {
    Set<Long> generatedSet() {
      return new LinkedHashSet<>(generated);
    }

    Set<Long> disabledSet() {
      return new LinkedHashSet<>(disabled);
    }
  }

  private ZonesCluster(Server server) {
    this.server = server;
    this.aiLink = server.newParticipant("ai");
    this.ai = new TestAi(aiLink, aiLink::close, AI_CHANNEL, server.dc().file());
  }

  /**
   * Starts a server.
   *
   * @param dir a temporary directory
   * @param dnaDir the zones plugin's only DNA directory (empty: the demo world)
   */
  static ZonesCluster start(Path dir, Path dnaDir) {
    return start(dir, dnaDir, "");
  }

  /**
   * Starts a server with more plugin sections.
   *
   * @param dir a temporary directory
   * @param dnaDir the zones plugin's only DNA directory (empty: the demo world)
   * @param morePlugins further {@code plugins:} lines, two-space indented
   */
  static ZonesCluster start(Path dir, Path dnaDir, String morePlugins) {
    String yaml = EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC,
        EmbeddedServers.UNLIMITED_CLIENTS, true,
        EmbeddedServers.TEST_LOGIN
            + "  avatars:\n    enabled: true\n"
            + "  zones:\n    dna_dirs: [" + dnaDir.toAbsolutePath() + "]\n" + morePlugins);
    return new ZonesCluster(EmbeddedServers.start(dir, yaml, "zones-plugin.jar"));
  }

  /**
   * The AI makes a district; returns once the districts plugin knows it (it learns of districts
   * from the state server, a moment after the AI's create).
   */
  long district(long doId, String name) {
    ai.district(doId, name);
    DistrictDirectory dir = server.plugins().service(DistrictDirectory.class).orElseThrow();
    long deadline = System.nanoTime() + SLOW.toNanos();
    while (dir.district(doId).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the districts plugin never saw district " + doId);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return doId;
  }

  InetSocketAddress gamePort() {
    return EmbeddedServers.gamePort(server);
  }

  /** A logged-in client (the account is made on first use). */
  ScriptedClient login(String name) {
    ScriptedClient c = ScriptedClient.connect(gamePort());
    c.send(new Login2(name, "sv1.0.6.9", server.dc().clientHash(),
        ClientMsg.TokenType.PLAY_TOKEN));
    assertThat(c.expect(Login2Resp.class, SLOW).returnCode()).isZero();
    return c;
  }

  /** A client with a new toon in the world (after SET_AVATAR), in no district yet. */
  Player player(String name) {
    ScriptedClient c = login(name);
    c.send(new CreateAvatar(0, DOG, 0));
    CreateAvatarResp r = c.expect(CreateAvatarResp.class, SLOW);
    assertThat(r.returnCode()).isZero();
    long id = r.avatarId().getAsLong();
    c.send(new SetAvatar(id));
    assertThat(c.expect(GetAvatarDetailsResp.class, SLOW).avatarId()).isEqualTo(id);
    return new Player(c, id, name);
  }

  /** SET_SHARD and its 47. */
  static void setShard(Player p, long district) {
    p.client().send(new SetShard(district));
    p.client().expect(GetStateResp.class, SLOW);
  }

  /** A player in a district and past its first quiet zone, then in a zone. */
  Player playerIn(String name, long district, int zone) {
    Player p = player(name);
    setShard(p, district);
    zone(p, 1);
    if (zone != 1) {
      zone(p, zone);
    }
    return p;
  }

  /**
   * SET_ZONE, then everything up to its 48: the first message must be 47 of the zone, and the
   * generates and disables in between are recorded.
   */
  static Change zone(Player p, int zone) {
    p.client().send(new SetZone(zone));
    return await(p, zone);
  }

  /** Reads a zone change's answer (47 ... 48) after its SET_ZONE was sent. */
  static Change await(Player p, int zone) {
    List<Long> generated = new ArrayList<>();
    List<Long> disabled = new ArrayList<>();
    List<Integer> other = new ArrayList<>();
    boolean stateSeen = false;
    long deadline = System.nanoTime() + SLOW.toNanos();
    while (true) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      Optional<byte[]> got = left.isNegative() ? Optional.empty() : p.client().receive(left);
      byte[] body = got.orElseThrow(() -> new AssertionError(p.name() + ": no 48(" + zone
          + ") within " + SLOW + "; so far generated " + generated + ", disabled " + disabled));
      DatagramReader r = new DatagramReader(body);
      int type = r.readU16();
      switch (type) {
        case ClientMsg.GET_STATE_RESP -> {
          r.readBytes(GetStateResp.SKIPPED_BYTES);
          int z = r.readU16();
          assertThat(stateSeen).as("%s: a second 47 before 48(%d)", p.name(), zone).isFalse();
          assertThat(z).as("%s: 47's zone", p.name()).isEqualTo(zone);
          stateSeen = true;
        }
        case ClientMsg.CREATE_OBJECT_REQUIRED, ClientMsg.CREATE_OBJECT_REQUIRED_OTHER -> {
          assertThat(stateSeen).as("%s: a generate before 47(%d)", p.name(), zone).isTrue();
          r.readU16();
          generated.add(r.readU32());
        }
        case ClientMsg.OBJECT_DISABLE_RESP -> {
          assertThat(stateSeen).as("%s: a disable before 47(%d)", p.name(), zone).isTrue();
          disabled.add(r.readU32());
        }
        case ClientMsg.DONE_SET_ZONE_RESP -> {
          int z = r.readU16();
          assertThat(stateSeen).as("%s: 48 before 47", p.name()).isTrue();
          assertThat(z).as("%s: 48's zone", p.name()).isEqualTo(zone);
          return new Change(generated, disabled, other);
        }
        default -> {
          if (type == ClientMsg.GO_GET_LOST) {
            throw new AssertionError(p.name() + ": ejected during SET_ZONE(" + zone + "): "
                + Hex.of(body));
          }
          other.add(type);
        }
      }
    }
  }

  /**
   * Reads what arrives within a window outside a zone change (live traffic): generated and
   * disabled doIds.
   */
  static Change drain(Player p, Duration window) {
    List<Long> generated = new ArrayList<>();
    List<Long> disabled = new ArrayList<>();
    List<Integer> other = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    while (true) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        return new Change(generated, disabled, other);
      }
      Optional<byte[]> got = p.client().receive(left);
      if (got.isEmpty()) {
        return new Change(generated, disabled, other);
      }
      record(got.get(), generated, disabled, other);
    }
  }

  /**
   * Live traffic outside a zone change: waits (up to {@link #SLOW}) until as many generates and
   * disables as expected came, then listens a moment longer for anything more, and returns what
   * came (the caller compares it with what it expected).
   */
  static Change live(Player p, int generates, int disables, Duration quiet) {
    List<Long> generated = new ArrayList<>();
    List<Long> disabled = new ArrayList<>();
    List<Integer> other = new ArrayList<>();
    long deadline = System.nanoTime() + SLOW.toNanos();
    while (generated.size() < generates || disabled.size() < disables) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        break;
      }
      p.client().receive(left).ifPresent(b -> record(b, generated, disabled, other));
    }
    Change rest = drain(p, quiet);
    generated.addAll(rest.generated());
    disabled.addAll(rest.disabled());
    other.addAll(rest.other());
    return new Change(generated, disabled, other);
  }

  private static void record(byte[] body, List<Long> generated, List<Long> disabled,
      List<Integer> other) {
    DatagramReader r = new DatagramReader(body);
    int type = r.readU16();
    if (type == ClientMsg.CREATE_OBJECT_REQUIRED
        || type == ClientMsg.CREATE_OBJECT_REQUIRED_OTHER) {
      r.readU16();
      generated.add(r.readU32());
    } else if (type == ClientMsg.OBJECT_DISABLE_RESP) {
      disabled.add(r.readU32());
    } else {
      other.add(type);
    }
  }

  @Override
  public void close() {
    try {
      ai.close();
    } finally {
      server.close();
    }
  }
}
