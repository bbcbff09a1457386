package org.openttserver.runtime.clientagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.client.ScriptedClient;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * A real server with a client agent on loopback whose extension is channel {@link #EXTENSION},
 * played by {@link Peer}s: MD links that also stand in for state-server objects.
 */
final class Loopback implements AutoCloseable {
  static final long EXTENSION = 7000;
  static final long PING_CHANNEL = 6999;
  static final int PING = 9999;
  static final Duration WAIT = Duration.ofSeconds(3);

  final Server server;
  final InetSocketAddress md;
  final InetSocketAddress ca;
  private final MdConnection pinger;

  /**
   * Starts a server.
   *
   * @param client extra YAML lines under {@code client:} (each indented 6 spaces)
   * @param interestTimeoutMs {@code tuning.interest_timeout}
   */
  Loopback(String client, int interestTimeoutMs) {
    this(client, interestTimeoutMs, "");
  }

  /**
   * Starts a server with front-door limits.
   *
   * @param client extra YAML lines under {@code client:} (each indented 6 spaces)
   * @param interestTimeoutMs {@code tuning.interest_timeout}
   * @param limits YAML lines under {@code limits:} (each indented 6 spaces)
   */
  Loopback(String client, int interestTimeoutMs, String limits) {
    try {
      Path dir = Files.createTempDirectory("ca-loopback");
      server = TestServers.start("general:\n"
          + "  data_dir: " + dir.resolve("data") + "\n"
          + "  dc_files: [config/dc/demo-toon.dc, config/dc/openttserver.dc]\n"
          + "messagedirector:\n  bind: 127.0.0.1:0\n"
          + "extension:\n  plugins_dir: " + dir.resolve("plugins") + "\n"
          + "  eject_clients_on_loss: false\n"
          + "roles:\n"
          + "  - type: clientagent\n"
          + "    bind: 127.0.0.1:0\n"
          + "    channels: {min: 1000000000, max: 1000099999}\n"
          + "    client:\n"
          + "      type: toontown2003\n"
          + "      extension: " + EXTENSION + "\n"
          + client
          + "    tuning:\n      interest_timeout: " + interestTimeoutMs + "\n"
          + (limits.isEmpty() ? "" : "    limits:\n" + limits), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    md = server.mdAddress();
    ca = agent().localAddress();
    pinger = MdConnection.connect(md);
  }

  ClientAgent agent() {
    return (ClientAgent) server.roles().get(0);
  }

  /** A new MD link subscribed to the channels, returned once the subscriptions are in effect. */
  Peer peer(long... channels) {
    Peer p = new Peer(MdConnection.connect(md));
    for (long c : channels) {
      p.link.subscribe(c);
    }
    for (long c : channels) {
      awaitSubscribed(p, c);
    }
    return p;
  }

  /** Makes sure a channel subscription took effect: ping it until a ping arrives. */
  void awaitSubscribed(Peer p, long channel) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      pinger.send(MdDatagram.builder(PING).to(channel).from(PING_CHANNEL).build());
      Optional<MdDatagram> d = p.link.receive(Duration.ofMillis(20));
      if (d.isPresent() && d.get().msgType() == PING) {
        return;
      }
      d.ifPresent(p.early::add);
    }
    throw new AssertionError("subscription of " + channel + " did not take effect");
  }

  /** Connects a scripted client and reads the extension's 1300 for it. */
  Client connect(Peer ext) {
    ScriptedClient c = ScriptedClient.connect(ca);
    MdDatagram hello = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED);
    DatagramReader r = hello.payload();
    return new Client(c, r.readChannel(), hello);
  }

  @Override
  public void close() {
    pinger.close();
    server.close();
  }

  /** A connected client and its connection channel. */
  record Client(ScriptedClient socket, long channel, MdDatagram connected)
      implements AutoCloseable {
    @Override
    public void close() {
      socket.close();
    }
  }

  /** One MD link: the scripted extension, or a scripted state-server object. */
  static final class Peer implements AutoCloseable {
    final MdConnection link;
    final java.util.ArrayDeque<MdDatagram> early = new java.util.ArrayDeque<>();

    Peer(MdConnection link) {
      this.link = link;
    }

    /** The next datagram (pings skipped), or an AssertionError after {@link #WAIT}. */
    MdDatagram next() {
      if (!early.isEmpty()) {
        return early.poll();
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        Optional<MdDatagram> d = left > 0 ? link.receive(Duration.ofNanos(left)) : Optional.empty();
        if (d.isEmpty()) {
          throw new AssertionError("nothing arrived within " + WAIT);
        }
        if (d.get().msgType() != PING) {
          return d.get();
        }
      }
    }

    /**
     * The next datagram of a type; 1302s of clients of earlier tests are skipped.
     */
    MdDatagram next(int msgType) {
      while (true) {
        MdDatagram d = next();
        if (d.msgType() == msgType) {
          return d;
        }
        if (d.msgType() != AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED) {
          throw new AssertionError("expected message " + msgType + " but got " + d);
        }
      }
    }

    /** The next datagram about one client (by its connection channel), skipping others. */
    MdDatagram next(int msgType, long connection) {
      while (true) {
        MdDatagram d = next();
        int t = d.msgType();
        boolean perClient = t >= AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED
            && t <= AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED;
        if (perClient && d.payload().readChannel() != connection) {
          continue;
        }
        if (t != msgType) {
          throw new AssertionError("expected message " + msgType + " but got " + d);
        }
        return d;
      }
    }

    /** Asserts nothing but pings arrives for a short while. */
    void expectNone() {
      long deadline = System.nanoTime() + MdConnection.SILENCE.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        Optional<MdDatagram> d = link.receive(Duration.ofNanos(left));
        if (d.isPresent() && d.get().msgType() != PING) {
          throw new AssertionError("expected nothing but got " + d.get());
        }
      }
    }

    void send(MdDatagram d) {
      link.send(d);
    }

    @Override
    public void close() {
      link.close();
    }
  }
}
