package org.openttserver.it.friends;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.game.GameClient;

/**
 * Invitations and secret friends over loopback, through the FriendManager the base AI makes in
 * its district and the friends plugin serves: scripted 2003 clients in one playground.
 */
class FriendManagerFlowTest {
  static final byte[] DOG = EmbeddedServers.DOG;
  static final String FM = "FriendManager";
  static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir static Path dir;
  static Server server;

  @BeforeAll
  static void start() {
    String yaml = "ai:\n  district_name: Friendly Acres\n  channel: 401000\n"
        + "  do_ids: {min: 400000000, max: 400999999}\n"
        + EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC,
            EmbeddedServers.UNLIMITED_CLIENTS, true,
            EmbeddedServers.TEST_LOGIN
            + "    new_accounts_paid: true\n    new_accounts_chat: 1\n"
            + "  avatars:\n    enabled: true\n  names:\n    enabled: false\n"
            + "  districts:\n    enabled: true\n  zones:\n    enabled: true\n"
            + "  friends:\n    secrets_per_day: 2\n");
    server = EmbeddedServers.start(dir, yaml, "friends-plugin.jar");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A new account's toon in the playground of the AI's district. */
  static GameClient player() {
    InetSocketAddress game = EmbeddedServers.gamePort(server);
    GameClient c = GameClient.connect(game, server.dc().file(), server.dc().clientHash());
    c.login("Pal" + NAMES.incrementAndGet());
    c.shardList();
    c.setAvatar(c.createAvatar(DOG, 0));
    c.enterDistrict(server.ai().orElseThrow().districtId());
    c.quietZoneTo(2000);
    return c;
  }

  static long fm(GameClient c) {
    return c.held(FM).orElseThrow().doId();
  }

  static long n(Object o) {
    return ((Number) o).longValue();
  }

  static FriendDirectory friends() {
    return server.plugins().service(FriendDirectory.class).orElseThrow();
  }

  static OptionalInt flags(long a, long b) throws Exception {
    return friends().flags(a, b).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A asks B; B's client considers (1) and answers; returns the context. */
  static long invite(GameClient a, GameClient b, long answer) {
    a.sendUpdate(fm(a), FM, "friendQuery", b.avatarId());
    List<Object> q = b.awaitUpdate(fm(b), FM, "inviteeFriendQuery");
    assertThat(n(q.get(0))).isEqualTo(a.avatarId());
    long ctx = n(q.get(3));
    b.sendUpdate(fm(b), FM, "inviteeFriendConsidering", 1L, ctx);
    assertThat(a.awaitUpdate(fm(a), FM, "friendConsidering")).containsExactly(1L, ctx);
    b.sendUpdate(fm(b), FM, "inviteeFriendResponse", answer, ctx);
    assertThat(a.awaitUpdate(fm(a), FM, "friendResponse")).containsExactly(answer, ctx);
    return ctx;
  }

  @Test
  void yes_makesFriendsOnBothSides_andAskingAgainIsAlreadyFriends() throws Exception {
    try (GameClient a = player(); GameClient b = player()) {
      invite(a, b, 1);
      assertThat(flags(a.avatarId(), b.avatarId())).hasValue(0);
      assertThat(flags(b.avatarId(), a.avatarId())).hasValue(0);
      a.sendUpdate(fm(a), FM, "friendQuery", b.avatarId());
      assertThat(n(a.awaitUpdate(fm(a), FM, "friendConsidering").get(0))).isEqualTo(2);
    }
  }

  @Test
  void no_makesNothing_andTheSameInviterIsToldSaidNoAtOnce() throws Exception {
    try (GameClient a = player(); GameClient b = player()) {
      invite(a, b, 0);
      assertThat(flags(a.avatarId(), b.avatarId())).isEmpty();
      a.sendUpdate(fm(a), FM, "friendQuery", b.avatarId());
      assertThat(n(a.awaitUpdate(fm(a), FM, "friendConsidering").get(0))).isEqualTo(10);
    }
  }

  @Test
  void yourself_andABusyInvitee_areAnsweredAtOnce() {
    try (GameClient a = player(); GameClient b = player(); GameClient c = player()) {
      a.sendUpdate(fm(a), FM, "friendQuery", a.avatarId());
      assertThat(n(a.awaitUpdate(fm(a), FM, "friendConsidering").get(0))).isEqualTo(3);
      a.sendUpdate(fm(a), FM, "friendQuery", b.avatarId());
      b.awaitUpdate(fm(b), FM, "inviteeFriendQuery");
      c.sendUpdate(fm(c), FM, "friendQuery", b.avatarId());
      assertThat(n(c.awaitUpdate(fm(c), FM, "friendConsidering").get(0))).isEqualTo(0);
    }
  }

  @Test
  void theInviterCancelling_isPassedToTheInvitee_whoAcknowledges() throws Exception {
    try (GameClient a = player(); GameClient b = player()) {
      a.sendUpdate(fm(a), FM, "friendQuery", b.avatarId());
      long ctx = n(b.awaitUpdate(fm(b), FM, "inviteeFriendQuery").get(3));
      a.sendUpdate(fm(a), FM, "cancelFriendQuery", ctx);
      assertThat(b.awaitUpdate(fm(b), FM, "inviteeCancelFriendQuery")).containsExactly(ctx);
      b.sendUpdate(fm(b), FM, "inviteeAcknowledgeCancel", ctx);
      // Over: a yes to it now makes nothing.
      b.sendUpdate(fm(b), FM, "inviteeFriendResponse", 1L, ctx);
      b.play(java.time.Duration.ofMillis(300));
      assertThat(flags(a.avatarId(), b.avatarId())).isEmpty();
    }
  }

  @Test
  void anAnswerToAnUnknownContext_isIgnored_butAnsweringSomeoneElsesQueryEndsTheSession()
      throws Exception {
    try (GameClient a = player(); GameClient b = player(); GameClient c = player()) {
      // A context nobody has (it may be one that ended): nothing happens, nothing is made.
      c.sendUpdate(fm(c), FM, "inviteeFriendResponse", 1L, 123_456L);
      c.play(java.time.Duration.ofMillis(300));
      // B's query, answered by C: only an altered client does that.
      a.sendUpdate(fm(a), FM, "friendQuery", b.avatarId());
      long ctx = n(b.awaitUpdate(fm(b), FM, "inviteeFriendQuery").get(3));
      c.sendUpdate(fm(c), FM, "inviteeFriendResponse", 1L, ctx);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.play(
          java.time.Duration.ofSeconds(3)))
          .hasMessageContaining("GO_GET_LOST")
          .hasMessageContaining("reasonCode=OptionalInt[" + BootCode.GENERIC + "]");
      assertThat(flags(a.avatarId(), c.avatarId())).isEmpty();
      // The real query goes on.
      b.sendUpdate(fm(b), FM, "inviteeFriendConsidering", 1L, ctx);
      assertThat(a.awaitUpdate(fm(a), FM, "friendConsidering")).containsExactly(1L, ctx);
    }
  }

  @Test
  void aSecret_makesSecretFriendsOnBothSides_onceAndOnlyOnce() throws Exception {
    try (GameClient a = player(); GameClient b = player(); GameClient c = player()) {
      a.sendUpdate(fm(a), FM, "requestSecret");
      List<Object> r = a.awaitUpdate(fm(a), FM, "requestSecretResponse");
      assertThat(n(r.get(0))).isEqualTo(1);
      String secret = (String) r.get(1);
      b.sendUpdate(fm(b), FM, "submitSecret", secret);
      assertThat(b.awaitUpdate(fm(b), FM, "submitSecretResponse"))
          .containsExactly(1L, a.avatarId());
      assertThat(a.awaitUpdate(a.avatarId(), "DistributedToon", "friendsNotify"))
          .containsExactly(b.avatarId(), 2L);
      assertThat(flags(a.avatarId(), b.avatarId())).hasValue(FriendDirectory.SECRET);
      assertThat(flags(b.avatarId(), a.avatarId())).hasValue(FriendDirectory.SECRET);
      // Used once: a third toon gets "unknown or expired".
      c.sendUpdate(fm(c), FM, "submitSecret", secret);
      assertThat(n(c.awaitUpdate(fm(c), FM, "submitSecretResponse").get(0))).isZero();
      // Its own secret is refused with 3, and the daily limit (2 here) holds.
      a.sendUpdate(fm(a), FM, "requestSecret");
      String own = (String) a.awaitUpdate(fm(a), FM, "requestSecretResponse").get(1);
      a.sendUpdate(fm(a), FM, "submitSecret", own);
      assertThat(n(a.awaitUpdate(fm(a), FM, "submitSecretResponse").get(0))).isEqualTo(3);
      a.sendUpdate(fm(a), FM, "requestSecret");
      assertThat(n(a.awaitUpdate(fm(a), FM, "requestSecretResponse").get(0))).isZero();
    }
  }
}
