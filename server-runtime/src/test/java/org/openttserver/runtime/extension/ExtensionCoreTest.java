package org.openttserver.runtime.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientProtocolException;
import org.openttserver.api.session.ClientSession;
import org.openttserver.runtime.FakeClientAgent;
import org.openttserver.runtime.FakeClientAgent.Connection;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.runtime.md.MessageDirector;

class ExtensionCoreTest {
  private static final int ECHO = 200;
  private static final int ECHO_RESP = 201;
  private static final int HELD = 202;
  private static final long C1 = 100_001;
  private static final long C2 = 100_002;

  private ExecutorService pool;
  private ScheduledExecutorService timers;
  private LocalParticipant extension;
  private ExtensionCore core;
  private FakeClientAgent ca;
  private final BlockingQueue<ClientSession> disconnected = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() {
    pool = Executors.newFixedThreadPool(4);
    timers = Executors.newSingleThreadScheduledExecutor();
    MessageDirector md = new MessageDirector();
    extension = new LocalParticipant(md, "extension", pool, timers);
    core = new ExtensionCore(extension, FakeClientAgent.EXTENSION, timers, Duration.ofMillis(200));
    core.start(false);
    core.sessions().onDisconnect(disconnected::add);
    ca = new FakeClientAgent(new LocalParticipant(md, "client-agent", pool, timers));
    register(ECHO, Access.ANYONE, (s, in) -> {
      int v = in.readU8();
      s.send(ECHO_RESP, w -> w.u8(v));
      return null;
    });
    register(ClientMsg.LOGIN_2, Access.ANYONE, (s, in) -> {
      String token = in.readString();
      s.authenticate(42, token);
      s.send(ClientMsg.LOGIN_2_RESP, w -> w.u8(0));
      return null;
    });
    register(ClientMsg.GET_SHARD_LIST, Access.LOGGED_IN, (s, in) -> {
      s.send(ClientMsg.GET_SHARD_LIST_RESP, w -> w.u16(0));
      return null;
    });
  }

  @AfterEach
  void tearDown() {
    ca.close();
    extension.close();
    timers.shutdownNow();
    pool.shutdownNow();
  }

  private void register(int type, Access access,
      org.openttserver.api.session.ClientMessageHandler handler) {
    core.messages().register("test", type, access, handler);
  }

  /** Sends an echo on another connection and waits for it: everything sent before is handled. */
  private void barrier() {
    Connection other = ca.connect(999_999);
    other.send(ECHO, w -> w.u8(9));
    assertThat(other.nextReply().type()).isEqualTo(ECHO_RESP);
  }

  @Test
  void dispatch_whenTypeUnclaimed_thenEjects108WithReason() {
    Connection c = ca.connect(C1);
    c.send(3000, w -> w.u8(1));

    FakeClientAgent.Eject eject = c.nextEject();
    assertThat(eject.code()).isEqualTo(BootCode.INVALID_MSGTYPE);
    assertThat(eject.reason()).contains("3000");
  }

  @Test
  void dispatch_whenLoggedInTypeBeforeAuthenticate_thenEjects113() {
    Connection c = ca.connect(C1);
    c.send(ClientMsg.GET_SHARD_LIST, w -> { });

    assertThat(c.nextEject().code()).isEqualTo(BootCode.ANONYMOUS_VIOLATION);
  }

  @Test
  void dispatch_whenLoggedInTypeAfterAuthenticate_thenSetStateComesBeforeReplies() {
    Connection c = ca.connect(C1);
    c.send(ClientMsg.LOGIN_2, w -> w.string("alice"));
    c.send(ClientMsg.GET_SHARD_LIST, w -> { });

    assertThat(c.nextState()).isEqualTo(ClientSession.STATE_ESTABLISHED);
    assertThat(c.nextReply().type()).isEqualTo(ClientMsg.LOGIN_2_RESP);
    assertThat(c.nextReply().type()).isEqualTo(ClientMsg.GET_SHARD_LIST_RESP);
    assertThat(core.sessions().byAccount(42)).isPresent();
  }

  @Test
  void logout_whenSessionLogsInAsAnotherAccount_thenListenersSeeTheOldAccountOnce() {
    BlockingQueue<Long> loggedOut = new LinkedBlockingQueue<>();
    core.sessions().onLogout(s -> loggedOut.add(s.accountId()));
    register(ClientMsg.LOGIN, Access.ANYONE, (s, in) -> {
      s.authenticate(in.readU32(), "account");
      s.send(ClientMsg.LOGIN_RESP, w -> w.u8(0));
      return null;
    });
    Connection c = ca.connect(C1);

    c.send(ClientMsg.LOGIN, w -> w.u32(7));
    c.send(ClientMsg.LOGIN, w -> w.u32(7)); // the same account again: no logout
    c.send(ClientMsg.LOGIN, w -> w.u32(8));
    for (int i = 0; i < 3; i++) {
      assertThat(c.nextState()).isEqualTo(ClientSession.STATE_ESTABLISHED);
      assertThat(c.nextReply().type()).isEqualTo(ClientMsg.LOGIN_RESP);
    }

    assertThat(List.copyOf(loggedOut)).containsExactly(7L);
    assertThat(core.sessions().byAccount(8)).isPresent();
    assertThat(core.sessions().byAccount(7)).isEmpty();
  }

  @Test
  void fallback_whenNoClaim_thenItAnswersAndAClaimTakesOverUntilReleased() {
    int type = 230;
    core.messages().registerFallback("fallbacker", type, Access.ANYONE, (s, in) -> {
      s.send(ECHO_RESP, w -> w.u8(1));
      return null;
    });
    Connection c = ca.connect(C1);
    c.send(type, w -> { });
    assertThat(c.nextReply().payload().readU8()).isEqualTo(1);

    org.openttserver.api.cluster.Registration claim = core.messages().register("owner", type,
        Access.ANYONE, (s, in) -> {
          s.send(ECHO_RESP, w -> w.u8(2));
          return null;
        });
    c.send(type, w -> { });
    assertThat(c.nextReply().payload().readU8()).isEqualTo(2);

    claim.close();
    c.send(type, w -> { });
    assertThat(c.nextReply().payload().readU8()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> core.messages().registerFallback(
            "other", type, Access.ANYONE, (s, in) -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'other'").hasMessageContaining("'fallbacker'");
  }

  @Test
  void dispatch_whenTrailingBytes_thenEjects106() {
    register(HELD, Access.ANYONE, (s, in) -> {
      in.readU8();
      return null;
    });
    Connection c = ca.connect(C1);
    c.send(HELD, w -> w.u8(1).u16(7));

    assertThat(c.nextEject().code()).isEqualTo(BootCode.OVERSIZED_DATAGRAM);
  }

  @Test
  void dispatch_whenHandlerReadsPastEnd_thenEjects109() {
    Connection c = ca.connect(C1);
    c.send(ClientMsg.LOGIN_2, w -> w.u16(10).u8('a'));

    assertThat(c.nextEject().code()).isEqualTo(BootCode.TRUNCATED_DATAGRAM);
  }

  @Test
  void dispatch_whenMessageShorterThanType_thenEjects109() {
    Connection c = ca.connect(C1);
    c.sendRaw(new byte[] {7});

    assertThat(c.nextEject().code()).isEqualTo(BootCode.TRUNCATED_DATAGRAM);
  }

  @Test
  void dispatch_whenEmptyMessage_thenEjects109() {
    Connection c = ca.connect(C1);
    c.sendRaw(new byte[0]);

    assertThat(c.nextEject().code()).isEqualTo(BootCode.TRUNCATED_DATAGRAM);
  }

  @Test
  void dispatch_whenHandlerThrowsProtocolException_thenEjectsWithItsCode() {
    register(HELD, Access.ANYONE, (s, in) -> {
      throw new ClientProtocolException(BootCode.BAD_VERSION, "wrong version");
    });
    Connection c = ca.connect(C1);
    c.send(HELD, w -> { });

    FakeClientAgent.Eject eject = c.nextEject();
    assertThat(eject.code()).isEqualTo(BootCode.BAD_VERSION);
    assertThat(eject.reason()).isEqualTo("wrong version");
  }

  @Test
  void dispatch_whenStageFailsWithProtocolException_thenEjectsWithItsCode() {
    register(HELD, Access.ANYONE, (s, in) ->
        CompletableFuture.supplyAsync(() -> {
          throw new ClientProtocolException(BootCode.BAD_DC_HASH, "wrong hash");
        }));
    Connection c = ca.connect(C1);
    c.send(HELD, w -> { });

    assertThat(c.nextEject().code()).isEqualTo(BootCode.BAD_DC_HASH);
  }

  @Test
  void dispatch_whenHandlerThrowsRuntimeException_thenEjectsCode1AndClosesSession() throws Exception {
    register(HELD, Access.ANYONE, (s, in) -> {
      throw new IllegalStateException("bug in a plugin");
    });
    Connection c = ca.connect(C1);
    c.send(HELD, w -> { });

    FakeClientAgent.Eject eject = c.nextEject();
    assertThat(eject.code()).isEqualTo(BootCode.GENERIC);
    assertThat(eject.reason()).doesNotContain("bug in a plugin");
    ClientSession gone = disconnected.poll(5, TimeUnit.SECONDS);
    assertThat(gone).isNotNull();
    assertThat(gone.connectionChannel()).isEqualTo(C1);
    assertThat(gone.isConnected()).isFalse();
    assertThat(core.sessions().byConnection(C1)).isEmpty();
  }

  @Test
  void dispatch_whenHandlerIsAsync_thenNextMessageOfSameSessionWaits() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    BlockingQueue<Integer> handled = new LinkedBlockingQueue<>();
    register(HELD, Access.ANYONE, (s, in) -> {
      handled.add(HELD);
      return gate.thenRun(() -> s.send(ECHO_RESP, w -> w.u8(1)));
    });
    register(ECHO + 10, Access.ANYONE, (s, in) -> {
      handled.add(ECHO + 10);
      s.send(ECHO_RESP, w -> w.u8(2));
      return null;
    });
    Connection c1 = ca.connect(C1);
    Connection c2 = ca.connect(C2);
    c1.send(HELD, w -> { });
    c1.send(ECHO + 10, w -> { });
    c2.send(ECHO, w -> w.u8(3));

    assertThat(c2.nextReply().payload().readU8()).as("other session not blocked").isEqualTo(3);
    assertThat(handled).containsExactly(HELD);
    assertThat(c1.poll()).isNull();

    gate.complete(null);

    assertThat(c1.nextReply().payload().readU8()).isEqualTo(1);
    assertThat(c1.nextReply().payload().readU8()).isEqualTo(2);
    assertThat(handled).containsExactly(HELD, ECHO + 10);
  }

  @Test
  void dispatch_whenStageNeverCompletes_thenEjectedAfterHandlerTimeout() {
    register(HELD, Access.ANYONE, (s, in) -> new CompletableFuture<Void>());
    Connection c = ca.connect(C1);
    long start = System.nanoTime();
    c.send(HELD, w -> { });
    c.send(ECHO, w -> w.u8(1));

    FakeClientAgent.Eject eject = c.nextEject();
    assertThat(eject.code()).isEqualTo(BootCode.GENERIC);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(150));
    barrier();
    assertThat(c.poll()).as("queued echo never handled").isNull();
    assertThat(core.sessions().byConnection(C1)).isEmpty();
  }

  @Test
  void disconnected_whenReceived_thenRemovesSessionAndFiresListeners() throws Exception {
    Connection c = ca.connect(C1);
    c.send(ECHO, w -> w.u8(1));
    c.nextReply();
    assertThat(core.sessions().byConnection(C1)).isPresent();

    c.disconnect(0, "");

    ClientSession gone = disconnected.poll(5, TimeUnit.SECONDS);
    assertThat(gone).isNotNull();
    assertThat(gone.connectionChannel()).isEqualTo(C1);
    assertThat(core.sessions().byConnection(C1)).isEmpty();
  }

  @Test
  void connected_whenAnnounced_thenSessionKeepsRemoteAddress() {
    Connection c = ca.connect(C1);
    c.send(ECHO, w -> w.u8(1));
    c.nextReply();

    ClientSession s = core.sessions().byConnection(C1).orElseThrow();
    assertThat(s.remoteAddress()).isEqualTo("10.0.0.1");
    assertThat(s.remotePort()).isEqualTo(40000);
  }

  @Test
  void message_whenConnectionNotAnnounced_thenCreatesSession() {
    Connection c = ca.attach(C1);
    c.send(ECHO, w -> w.u8(5));

    assertThat(c.nextReply().payload().readU8()).isEqualTo(5);
    assertThat(core.sessions().byConnection(C1)).isPresent();
  }

  @Test
  void message_whenSessionWasEjected_thenIgnored() {
    Connection c = ca.connect(C1);
    c.send(3000, w -> { });
    c.send(ECHO, w -> w.u8(1));
    c.send(ClientMsg.LOGIN_2, w -> w.string("mallory"));

    assertThat(c.nextEject().code()).isEqualTo(BootCode.INVALID_MSGTYPE);
    barrier();
    assertThat(c.poll()).isNull();
    assertThat(core.sessions().byConnection(C1)).isEmpty();
    assertThat(core.sessions().byAccount(42)).isEmpty();
  }

  @Test
  void message_whenEjectedSessionLaterDisconnectsAndChannelIsReused_thenNewSessionServed() {
    Connection c = ca.connect(C1);
    c.send(3000, w -> { });
    assertThat(c.nextEject().code()).isEqualTo(BootCode.INVALID_MSGTYPE);
    c.disconnect(BootCode.INVALID_MSGTYPE, "ejected");

    Connection again = ca.connect(C1);
    again.send(ECHO, w -> w.u8(4));

    assertThat(again.nextReply().payload().readU8()).isEqualTo(4);
  }

  @Test
  void dispatch_whenOneSessionSendsGarbage_thenOtherSessionsUnaffected() {
    Connection bad = ca.connect(C1);
    Connection good = ca.connect(C2);
    good.send(ClientMsg.LOGIN_2, w -> w.string("bob"));
    bad.sendRaw(new byte[] {1});
    good.send(ClientMsg.GET_SHARD_LIST, w -> { });

    assertThat(bad.nextEject().code()).isEqualTo(BootCode.TRUNCATED_DATAGRAM);
    assertThat(good.nextState()).isEqualTo(ClientSession.STATE_ESTABLISHED);
    assertThat(good.nextReply().type()).isEqualTo(ClientMsg.LOGIN_2_RESP);
    assertThat(good.nextReply().type()).isEqualTo(ClientMsg.GET_SHARD_LIST_RESP);
    assertThat(core.sessions().all()).extracting(ClientSession::connectionChannel)
        .containsExactly(C2);
  }

  @Test
  void register_whenTypeClaimedTwice_thenThrowsNamingBothOwners() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> core.messages().register("other", ECHO, Access.ANYONE, (s, in) -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'other'").hasMessageContaining("'test'")
        .hasMessageContaining(String.valueOf(ECHO));
  }

  @Test
  void claimedBy_listsAPluginsTypesByNumberWithoutItsFallbacks() {
    core.messages().register("other", ClientMsg.GET_FRIEND_LIST, Access.ANYONE, (s, in) -> null);
    core.messages().register("other", ClientMsg.GET_AVATARS, Access.LOGGED_IN, (s, in) -> null);
    core.messages().registerFallback("other", ClientMsg.SET_ZONE, Access.ANYONE, (s, in) -> null);

    assertThat(core.messages().claimedBy("other"))
        .containsExactly("GET_AVATARS (3)", "GET_FRIEND_LIST (10)");
    assertThat(core.messages().claimedBy("nobody")).isEmpty();
  }

  @Test
  void sessionCommands_whenCalled_thenSentToConnectionChannelInCallOrder() throws Exception {
    java.util.concurrent.atomic.AtomicLong idBeforeEject = new java.util.concurrent.atomic.AtomicLong();
    register(HELD, Access.ANYONE, (s, in) -> {
      s.openChannel(777);
      s.setClientId(42L << 32);
      idBeforeEject.set(s.clientId());
      s.eject(BootCode.RELOGIN, "bye");
      return null;
    });
    Connection c = ca.connect(C1);
    c.send(HELD, w -> { });

    assertThat(c.next(AstronMsg.CLIENTAGENT_OPEN_CHANNEL).readChannel()).isEqualTo(777);
    assertThat(c.next(AstronMsg.CLIENTAGENT_SET_CLIENT_ID).readChannel()).isEqualTo(42L << 32);
    assertThat(c.nextEject()).isEqualTo(new FakeClientAgent.Eject(BootCode.RELOGIN, "bye"));
    assertThat(idBeforeEject.get()).isEqualTo(42L << 32);
    for (int i = 0; i < 200 && core.sessions().byConnection(C1).isPresent(); i++) {
      Thread.sleep(5);
    }
    assertThat(core.sessions().byConnection(C1)).as("a plugin's eject ends the session").isEmpty();
  }
}
