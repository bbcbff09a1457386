package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.roles.RoleServers;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.LinkClosedException;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Our server in downstream mode ({@code messagedirector.connect} and roles) under a test that
 * plays its upstream director on a socket of its own, as Astron tests its message director:
 * what the node sends up, byte for byte, and what it does when the link is lost.
 */
class DownstreamLinkTest {
  private static final long SS = 403_900_000L;
  private static final long EXT = 403_900_001L;

  private final List<AutoCloseable> open = new ArrayList<>();
  private final java.util.Set<Server> stopped = java.util.Collections.newSetFromMap(
      new java.util.IdentityHashMap<>());

  @AfterEach
  void closeAll() throws Exception {
    // Servers first: a node whose upstream socket closed first would stop as on a lost link.
    for (AutoCloseable c : open) {
      if (c instanceof Server s) {
        stop(s);
      }
    }
    for (int i = open.size() - 1; i >= 0; i--) {
      if (!(open.get(i) instanceof Server)) {
        open.get(i).close();
      }
    }
  }

  /** Stops a server a test started (once; closeAll then skips it). */
  private void stop(Server s) {
    if (stopped.add(s)) {
      s.close();
    }
  }

  /**
   * Reads what the node sends up until each of {@code lines} came, in any order; anything else
   * fails.
   */
  private static void expectLines(MdConnection up, String... lines) {
    List<String> missing = new ArrayList<>(List.of(lines));
    while (!missing.isEmpty()) {
      String got = describe(up.receive(MdConnection.EXPECT_TIMEOUT).orElseThrow(
          () -> new AssertionError("still expected " + missing)));
      if (!missing.remove(got)) {
        throw new AssertionError("unexpected '" + got + "' while expecting " + missing);
      }
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private static String yaml(Path dir, String bind, String connect, boolean roles) {
    return RoleServers.generalYaml(dir)
        + "messagedirector:\n  bind: " + bind + "\n  connect: " + connect + "\n"
        + "extension:\n  channel: " + EXT + "\n  plugins_dir: " + dir.resolve("plugins") + "\n"
        + (roles ? "roles:\n  - type: stateserver\n    control: " + SS + "\n" : "");
  }

  /** A node connected to a listener of the test's; returns the node and the accepted link. */
  private record Node(Server server, MdConnection up) {}

  private Node startNode() throws IOException {
    ServerSocket listener = keep(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
    Path dir = Files.createTempDirectory("openttserver-downstream-link");
    Server server = keep(TestServers.start(yaml(dir, "127.0.0.1:0",
        "127.0.0.1:" + listener.getLocalPort(), true), dir));
    Socket s = listener.accept();
    s.setSoTimeout(0);
    MdConnection up = keep(MdConnection.accepted(s));
    return new Node(server, up);
  }

  private static String describe(MdDatagram d) {
    DatagramReader r = d.payload();
    if (!d.isControl()) {
      return "dg " + d.msgType() + " to " + d.recipients() + " from " + d.sender();
    }
    return switch (d.msgType()) {
      case AstronMsg.CONTROL_ADD_CHANNEL -> "+c " + r.readChannel();
      case AstronMsg.CONTROL_REMOVE_CHANNEL -> "-c " + r.readChannel();
      case AstronMsg.CONTROL_ADD_RANGE -> "+r " + r.readChannel() + "-" + r.readChannel();
      case AstronMsg.CONTROL_REMOVE_RANGE -> "-r " + r.readChannel() + "-" + r.readChannel();
      case AstronMsg.CONTROL_ADD_POST_REMOVE -> "pr+ " + r.readChannel() + " "
          + describe(MdDatagram.of(r.readBlob()));
      case AstronMsg.CONTROL_CLEAR_POST_REMOVES -> "pr- " + r.readChannel();
      case AstronMsg.CONTROL_SET_CON_NAME -> "name " + r.readString();
      default -> "control " + d.msgType();
    };
  }

  /** Reads what the node sends up until the line {@code until}, which is not included. */
  private static List<String> readUntil(MdConnection up, String until) {
    List<String> got = new ArrayList<>();
    while (true) {
      MdDatagram d = up.receive(MdConnection.EXPECT_TIMEOUT).orElseThrow(
          () -> new AssertionError("expected '" + until + "' after " + got));
      String line = describe(d);
      if (line.equals(until)) {
        return got;
      }
      got.add(line);
    }
  }

  /** A line the node sends up when a link of its own subscribes a fresh channel. */
  private static String marker(MdConnection local, long channel) {
    local.subscribe(channel);
    return "+c " + channel;
  }

  @Test
  void startup_namesTheLink_thenAsksForItsRolesChannels_andHangsItsPostRemovesUpstream()
      throws IOException {
    Node node = startNode();
    MdConnection local = keep(MdConnection.connect(node.server().mdAddress()));

    List<String> startup = readUntil(node.up(), marker(local, 777_001));

    assertThat(startup.get(0)).startsWith("name openttserver downstream md");
    assertThat(startup).contains("+c " + SS, "+c " + EXT,
        "pr+ " + EXT + " dg " + AstronMsg.CLIENTAGENT_EJECT + " to [" + Channels.ALL_CLIENTS
            + "] from " + EXT);
  }

  @Test
  void linksOfTheNode_subscriptionsRelayedOnce_datagramsGoUp_andWhatComesDownNeverGoesBack()
      throws IOException {
    Node node = startNode();
    MdConnection a = keep(MdConnection.connect(node.server().mdAddress()));
    MdConnection b = keep(MdConnection.connect(node.server().mdAddress()));
    readUntil(node.up(), marker(a, 777_010));

    a.subscribe(5000);
    assertThat(readUntil(node.up(), marker(a, 777_011))).containsExactly("+c 5000");
    b.subscribe(5000);
    b.subscribeRange(6000, 6999);
    assertThat(readUntil(node.up(), marker(b, 777_012))).as("5000 was asked for already")
        .containsExactly("+r 6000-6999");
    a.subscribeRange(6500, 6600);
    assertThat(readUntil(node.up(), marker(a, 777_013))).as("inside b's range").isEmpty();

    MdDatagram fromA = MdDatagram.builder(1234).to(5000).from(1).payload(w -> w.u32(1)).build();
    a.send(fromA);
    b.expect(fromA);
    node.up().expect(fromA);

    MdDatagram down = MdDatagram.builder(1234).to(6550, 5000).from(2).payload(w -> w.u32(2))
        .build();
    node.up().send(down);
    a.expect(down);
    b.expect(down);
    a.expectNone();
    b.expectNone();

    a.unsubscribeRange(6500, 6600);
    assertThat(readUntil(node.up(), marker(a, 777_014))).as("b still covers it").isEmpty();
    b.close();
    a.close();
    // Nothing of what came down goes back up: only the two links' unsubscriptions.
    expectLines(node.up(), "-c 5000", "-r 6000-6999", "-c 777010", "-c 777011", "-c 777012",
        "-c 777013", "-c 777014");
    MdConnection c = keep(MdConnection.connect(node.server().mdAddress()));
    assertThat(readUntil(node.up(), marker(c, 777_015))).isEmpty();
  }

  @Test
  void linkOfTheNodeLeaving_routesItsPostRemovesUp_thenClearsThem() throws IOException {
    Node node = startNode();
    MdConnection a = keep(MdConnection.connect(node.server().mdAddress()));
    readUntil(node.up(), marker(a, 777_020));
    MdDatagram pr = MdDatagram.builder(4321).to(888).from(0).payload(w -> w.string("bye"))
        .build();

    a.addPostRemove(55, pr);
    a.addPostRemove(56, pr);
    a.clearPostRemoves(56);
    assertThat(readUntil(node.up(), "pr- 56")).containsExactly("pr+ 55 dg 4321 to [888] from 0",
        "pr+ 56 dg 4321 to [888] from 0");
    a.close();
    assertThat(readUntil(node.up(), "pr- 55")).as("unsubscribed, then the bundle routed")
        .containsExactly("-c 777020", "dg 4321 to [888] from 0");
  }

  @Test
  void nodeStopping_unsubscribesAndFiresItsPostRemovesUp_thenClosesTheLink()
      throws IOException {
    Node node = startNode();
    MdConnection a = keep(MdConnection.connect(node.server().mdAddress()));
    readUntil(node.up(), marker(a, 777_030));

    stop(node.server());

    List<String> got = new ArrayList<>();
    try {
      while (true) {
        got.add(describe(node.up().receive(MdConnection.EXPECT_TIMEOUT).orElseThrow(
            () -> new AssertionError("the node did not close its link; got " + got))));
      }
    } catch (LinkClosedException e) {
      // the node closed its link last
    }
    assertThat(got).contains("-c " + SS, "-c " + EXT, "-c 777030",
        "dg " + AstronMsg.CLIENTAGENT_EJECT + " to [" + Channels.ALL_CLIENTS + "] from " + EXT,
        "pr- " + EXT);
    assertThat(got.indexOf("pr- " + EXT)).as("cleared after it was routed")
        .isGreaterThan(got.indexOf("dg " + AstronMsg.CLIENTAGENT_EJECT + " to ["
            + Channels.ALL_CLIENTS + "] from " + EXT));
  }

  @Test
  void upstreamLinkLost_nodeStopsByItself_andClosesWithoutHanging() throws Exception {
    Node node = startNode();
    MdConnection a = keep(MdConnection.connect(node.server().mdAddress()));
    readUntil(node.up(), marker(a, 777_040));

    node.up().close();

    String reason = node.server().stopped().get(10, TimeUnit.SECONDS);
    assertThat(reason).startsWith("lost the link to the upstream message director at ");
    stop(node.server());
  }

  @Test
  void connectToItsOwnBind_isRefusedNamingTheKey() throws IOException {
    Path dir = Files.createTempDirectory("openttserver-downstream-self");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    assertThatThrownBy(() -> keep(TestServers.start(yaml(dir, "127.0.0.1:" + port,
        "127.0.0.1:" + port, true), dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'messagedirector.connect'")
        .hasMessageContaining("own messagedirector.bind");
  }

  @Test
  void connectToNothing_orNotAnAddress_isRefusedNamingTheKey() throws IOException {
    Path dir = Files.createTempDirectory("openttserver-downstream-bad");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    assertThatThrownBy(() -> keep(TestServers.start(yaml(dir, "127.0.0.1:0",
        "127.0.0.1:" + port, true), dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'messagedirector.connect': cannot connect to");
    assertThatThrownBy(() -> keep(TestServers.start(yaml(dir, "127.0.0.1:0",
        "127.0.0.1:notaport", true), dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'messagedirector.connect'");
  }

  @Test
  void connectWithoutRoles_stillJoinsAsAParticipant() throws IOException {
    ServerSocket listener = keep(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
    Path dir = Files.createTempDirectory("openttserver-join");
    Server server = keep(TestServers.start(yaml(dir, "127.0.0.1:0",
        "127.0.0.1:" + listener.getLocalPort(), false), dir));
    MdConnection up = keep(MdConnection.accepted(listener.accept()));
    assertThat(describe(up.receive(MdConnection.EXPECT_TIMEOUT).orElseThrow()))
        .isEqualTo("name openttserver extension");
    assertThat(server.messageDirector().isDownstream()).isFalse();
    assertThat(server.mdAddress()).as("no listener of its own").isNull();
  }

}
