package org.openttserver.runtime.clientagent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcFile;
import org.openttserver.runtime.dc.DcLoader;
import org.openttserver.runtime.md.MdParticipant;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.testing.TestServers;

/**
 * One client agent on an in-process director with one client on an {@link EmbeddedChannel}: no
 * sockets, no threads. A {@link Probe} plays the extension and any other cluster participant.
 */
final class EmbeddedAgent implements AutoCloseable {
  static final long EXTENSION = 7000;
  static final long FIRST_CHANNEL = 1_000_000_000L;

  private static DcFile dc;

  final MessageDirector md = new MessageDirector();
  final Probe cluster = new Probe();
  final ClientAgent agent;
  final EmbeddedChannel ch;

  EmbeddedAgent(ClientAgentConfig.Client client) {
    md.add(cluster);
    md.subscribe(cluster, EXTENSION);
    agent = new ClientAgent(md, new ClientAgentConfig(null, null, null,
        new ClientAgentConfig.ChannelRange(FIRST_CHANNEL, FIRST_CHANNEL + 99), client,
        new ClientAgentConfig.Tuning(200)), dc());
    ch = new EmbeddedChannel(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel c) {
        agent.initPipeline(c);
      }
    });
  }

  /** A client type on extension 7000 with no heartbeat timer and no rate limit. */
  static ClientAgentConfig.Client client() {
    return client(0xFFFF, List.of());
  }

  static ClientAgentConfig.Client client(int maxMessageSize, List<Integer> divert) {
    return new ClientAgentConfig.Client(null, EXTENSION, 0, null, null, true, divert,
        maxMessageSize, 0, null, null);
  }

  static synchronized DcFile dc() {
    if (dc == null) {
      Path d = TestServers.REPO.resolve("config/dc");
      dc = DcLoader.load(List.of(d.resolve("demo-toon.dc"), d.resolve("openttserver.dc")), null,
          d.resolve("test.yml")).file();
    }
    return dc;
  }

  /** Feeds bytes as they came off the socket. */
  void clientBytes(byte[] bytes) {
    ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    ch.runPendingTasks();
  }

  /** Feeds one framed client message. */
  void clientSends(byte[] body) {
    clientBytes(frame(body));
  }

  static byte[] frame(byte[] body) {
    byte[] f = new byte[body.length + 2];
    f[0] = (byte) body.length;
    f[1] = (byte) (body.length >> 8);
    System.arraycopy(body, 0, f, 2, body.length);
    return f;
  }

  /** Routes a datagram from the probe, then runs the client's event-loop work. */
  void clusterSends(DatagramWriter w) {
    md.route(Datagram.of(w), cluster);
    ch.runPendingTasks();
  }

  /** {@return the bodies written to the client so far, frames checked and released} */
  Queue<byte[]> toClient() {
    ch.runPendingTasks();
    Queue<byte[]> out = new ArrayDeque<>();
    ByteBuf all = Unpooled.buffer();
    try {
      for (Object o; (o = ch.readOutbound()) != null; ) {
        ByteBuf b = (ByteBuf) o;
        all.writeBytes(b);
        b.release();
      }
      while (all.isReadable()) {
        int len = all.readUnsignedShortLE();
        out.add(ByteBufUtil.getBytes(all.readSlice(len)));
      }
    } finally {
      all.release();
    }
    return out;
  }

  static int type(byte[] body) {
    return new DatagramReader(body).readU16();
  }

  @Override
  public void close() {
    ch.finishAndReleaseAll();
  }

  /** A cluster participant that records what it receives. */
  static final class Probe extends MdParticipant {
    final Queue<Datagram> got = new ArrayDeque<>();

    Probe() {
      super("probe");
    }

    @Override
    protected synchronized void deliver(Datagram d) {
      got.add(d);
    }

    synchronized Datagram next() {
      Datagram d = got.poll();
      if (d == null) {
        throw new AssertionError("the cluster received nothing");
      }
      return d;
    }

    synchronized Datagram next(int msgType) {
      Datagram d = next();
      if (d.msgType() != msgType) {
        throw new AssertionError("expected message " + msgType + " but got " + d);
      }
      return d;
    }
  }
}
