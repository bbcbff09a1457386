package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.GoGetLost;
import org.openttserver.api.protocol.Heartbeat;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.FramedSocket;
import org.openttserver.testclient.md.MdDatagram;

/**
 * The front door over loopback, with clients from several 127.x addresses: the login deadline,
 * the per-address and total caps, and the per-address connection rate.
 */
class ClientAgentLimitsLoopbackTest {
  private Loopback server;
  private final List<FramedSocket> sockets = new ArrayList<>();

  @AfterEach
  void tearDown() {
    sockets.forEach(FramedSocket::close);
    if (server != null) {
      server.close();
    }
  }

  private FramedSocket connect(int lastOctet) throws Exception {
    FramedSocket s = FramedSocket.connect(server.ca,
        InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet}));
    sockets.add(s);
    return s;
  }

  /** Reads a GO_GET_LOST; returns its code, after checking the reason is there and it closed. */
  private static int goGetLost(FramedSocket s) {
    byte[] msg = s.receiveFrame(Duration.ofSeconds(3)).orElseThrow(
        () -> new AssertionError("no GO_GET_LOST"));
    DatagramReader r = new DatagramReader(msg, 0, msg.length);
    assertThat(r.readU16()).isEqualTo(ClientMsg.GO_GET_LOST);
    GoGetLost boot = GoGetLost.CODEC.read(r);
    assertThat(boot.reasonText()).isNotBlank();
    assertThat(s.isClosedByPeer(Duration.ofSeconds(3))).isTrue();
    return boot.reasonCode().orElseThrow();
  }

  /** Waits until the client agent holds exactly {@code n} connections (admission is positive). */
  private void awaitConnections(int n) throws InterruptedException {
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (server.agent().connectionCount() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " connection(s), the agent holds "
            + server.agent().connectionCount());
      }
      Thread.sleep(5);
    }
  }

  private static InetAddress ip(int lastOctet) throws Exception {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
  }

  /** The connection channel of the client the extension heard of last. */
  private static long connected(Peer ext) {
    return ext.next(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED).payload().readChannel();
  }

  private static void establish(Peer ext, long connection) {
    ext.send(MdDatagram.builder(AstronMsg.CLIENTAGENT_SET_STATE).to(connection)
        .from(Loopback.EXTENSION).payload(w -> w.u16(2)).build());
  }

  @Test
  void limits_whenOutOfRange_thenStartFailsWithOneLineNamingTheKey() {
    assertThatThrownBy(() -> new Loopback("", 200, "      max_connections: 0\n"))
        .hasMessageContaining("limits.max_connections")
        .hasMessageContaining("expected 1 or more");
    assertThatThrownBy(() -> new Loopback("", 200, "      login_timeout: -5\n"))
        .hasMessageContaining("limits.login_timeout");
    assertThatThrownBy(() -> new Loopback("", 200, "      max_anonymus_per_address: 5\n"))
        .hasMessageContaining("max_anonymus_per_address");
  }

  @Test
  void writeBufferSize_whenZero_thenUnlimitedAsInAstronAndClientsServed() throws Exception {
    server = new Loopback("      write_buffer_size: 0\n", 200);
    try (Peer ext = server.peer(Loopback.EXTENSION)) {
      FramedSocket s = connect(1);
      long conn = connected(ext);
      s.sendFrame(Protocol2003.encode(new org.openttserver.api.protocol.GetAvatars()));
      DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE, conn).payload();
      assertThat(r.readChannel()).isEqualTo(conn);
      assertThat(server.agent().config().backlogLimit()).isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  void writeBufferSize_whenNegative_thenStartFailsNamingTheKeyNotThePort() {
    assertThatThrownBy(() -> new Loopback("      write_buffer_size: -1\n", 200))
        .hasMessageContaining("client.write_buffer_size")
        .hasMessageContaining("0 for no limit")
        .hasMessageNotContaining("free port");
  }

  @Test
  void loginDeadline_whenOnlyHeartbeats_thenGoGetLost350() throws Exception {
    server = new Loopback("      heartbeat_timeout: 0\n", 200, "      login_timeout: 400\n");
    try (Peer ext = server.peer(Loopback.EXTENSION)) {
      FramedSocket s = connect(1);
      long start = System.nanoTime();
      // Heartbeats every 100 ms for much longer than the deadline: the boot must come while they
      // still arrive (if they extended the deadline, it would never come).
      java.util.concurrent.atomic.AtomicBoolean beating = new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread heart = new Thread(() -> {
        long end = System.nanoTime() + 4_000_000_000L;
        while (beating.get() && System.nanoTime() < end) {
          try {
            s.sendFrame(Protocol2003.encode(new Heartbeat()));
            Thread.sleep(100);
          } catch (RuntimeException | InterruptedException e) {
            return; // the server closed the connection
          }
        }
      });
      heart.start();
      try {
        assertThat(goGetLost(s)).isEqualTo(BootCode.LOGIN_TIMEOUT);
        assertThat(heart.isAlive()).as("booted while heartbeats were still coming").isTrue();
      } finally {
        beating.set(false);
        heart.join();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(
          Duration.ofMillis(350));
      long conn = connected(ext);
      DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, conn).payload();
      r.readChannel();
      r.readChannel();
      assertThat(r.readU16()).isEqualTo(BootCode.LOGIN_TIMEOUT);
    }
  }

  @Test
  void loginDeadline_whenLoggedInInTime_thenKept() throws Exception {
    server = new Loopback("      heartbeat_timeout: 0\n", 200, "      login_timeout: 1500\n");
    try (Peer ext = server.peer(Loopback.EXTENSION)) {
      long start = System.nanoTime();
      FramedSocket s = connect(1);
      establish(ext, connected(ext));
      long left = 2_500 - (System.nanoTime() - start) / 1_000_000;
      assertThat(s.receiveFrame(Duration.ofMillis(Math.max(left, 1))))
          .as("kept past the deadline").isEmpty();
      assertThat(server.agent().connectionCount()).isEqualTo(1);
    }
  }

  @Test
  void anonymousPerAddress_whenOverCap_thenRefused351AndOtherAddressesServed() throws Exception {
    server = new Loopback("", 200, "      max_anonymous_per_address: 3\n");
    try (Peer ext = server.peer(Loopback.EXTENSION)) {
      for (int i = 1; i <= 3; i++) {
        connect(2);
        awaitConnections(i);
      }
      long firstConn = connected(ext);

      assertThat(goGetLost(connect(2))).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
      connect(3);
      awaitConnections(4);

      // Once one of them logs in, its address has room again.
      establish(ext, firstConn);
      long deadline = System.nanoTime() + 3_000_000_000L;
      while (server.agent().limits().anonymousFrom(ip(2)) != 2) {
        assertThat(System.nanoTime()).as("the login is counted").isLessThan(deadline);
        Thread.sleep(5);
      }
      connect(2);
      awaitConnections(5);
    }
  }

  @Test
  void total_whenFullOfLoggedInClients_thenNewcomerRefused351() throws Exception {
    server = new Loopback("", 200, "      max_connections: 2\n");
    try (Peer ext = server.peer(Loopback.EXTENSION)) {
      connect(2);
      establish(ext, connected(ext));
      connect(3);
      establish(ext, connected(ext));
      awaitLoggedIn(ip(2), ip(3));

      assertThat(goGetLost(connect(4))).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
      assertThat(server.agent().connectionCount()).isEqualTo(2);
    }
  }

  @Test
  void total_whenFullOfAnonymous_thenNewcomerTakesThePlaceOfTheOldestOfTheMostCrowded()
      throws Exception {
    server = new Loopback("", 200, "      max_connections: 4\n");
    try (Peer ext = server.peer(Loopback.EXTENSION)) {
      FramedSocket player = connect(2);
      establish(ext, connected(ext));
      awaitLoggedIn(ip(2));
      FramedSocket oldest = connect(3);
      awaitConnections(2);
      FramedSocket younger = connect(3);
      awaitConnections(3);
      FramedSocket lone = connect(4);
      awaitConnections(4);

      FramedSocket newcomer = connect(5);
      assertThat(goGetLost(oldest)).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
      awaitConnections(4);
      for (FramedSocket s : List.of(player, younger, lone, newcomer)) {
        assertThat(s.receiveFrame(Duration.ofMillis(200))).as("not evicted").isEmpty();
      }
      // 127.0.0.3, .4 and .5 have one each now: the oldest of them goes next.
      connect(6);
      assertThat(goGetLost(younger)).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
    }
  }

  @Test
  void memory_whenHeapFullAfterCollection_thenRefused351AndClientsKeptThenAdmittedAgain()
      throws Exception {
    server = new Loopback("", 200);
    try (Peer ext = server.peer(Loopback.EXTENSION)) {
      FramedSocket player = connect(2);
      establish(ext, connected(ext));
      java.util.concurrent.atomic.AtomicBoolean low =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      server.agent().lowOnMemoryCheck(low::get);

      assertThat(goGetLost(connect(3))).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
      assertThat(server.agent().connectionCount()).isEqualTo(1);
      player.sendFrame(Protocol2003.encode(new Heartbeat()));
      assertThat(player.receiveFrame(Duration.ofMillis(200))).as("still served").isEmpty();
      assertThat(player.isClosedByPeer(Duration.ofMillis(100))).isFalse();

      low.set(false);
      connect(3); // accepted once the pause is over
      awaitConnections(2);
    }
  }

  /** Waits until the given addresses have no connection counted as not logged in. */
  private void awaitLoggedIn(InetAddress... addresses) throws InterruptedException {
    long deadline = System.nanoTime() + 3_000_000_000L;
    for (InetAddress a : addresses) {
      while (server.agent().limits().anonymousFrom(a) != 0) {
        assertThat(System.nanoTime()).as("the login is counted").isLessThan(deadline);
        Thread.sleep(5);
      }
    }
  }

  @Test
  void rate_whenOneAddressConnectsTooFast_thenRefused352OverTheWire() throws Exception {
    // One a second, bursts of one: a second connection within the second is refused by rate
    // (checked before the per-address count). A stall of over a second on a loaded machine
    // refills the bucket, so each try uses a fresh address and the test tries a few times; the
    // refill itself is tested on a fake clock in ConnectionLimitsTest.
    server = new Loopback("", 200,
        "      connects_per_second_per_address: 1\n      max_anonymous_per_address: 1\n");
    int refused = 0;
    for (int attempt = 0; attempt < 5 && refused == 0; attempt++) {
      // Which of the two is activated first depends on the event loops: one of them is refused.
      List<FramedSocket> pair = List.of(connect(20 + attempt), connect(20 + attempt));
      int booted = 0;
      for (FramedSocket s : pair) {
        Optional<byte[]> boot = s.receiveFrame(Duration.ofMillis(300));
        if (boot.isPresent()) {
          DatagramReader r = new DatagramReader(boot.get(), 0, boot.get().length);
          assertThat(r.readU16()).isEqualTo(ClientMsg.GO_GET_LOST);
          assertThat(GoGetLost.CODEC.read(r).reasonCode().orElseThrow())
              .isEqualTo(BootCode.CONNECTING_TOO_FAST);
          booted++;
        }
      }
      assertThat(booted).as("at most one of the pair is refused").isLessThanOrEqualTo(1);
      refused += booted;
    }
    assertThat(refused).as("a refusal within five tries").isEqualTo(1);
  }
}
