package org.openttserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.runtime.md.LocalParticipant;

/**
 * Plays the client agent in-process: announces connections to the extension channel, forwards raw
 * 2003 messages as 1301, and records every CLIENTAGENT_* command the extension sends back to each
 * connection channel.
 */
public final class FakeClientAgent implements AutoCloseable {
  public static final long EXTENSION = 5536;
  private static final long TIMEOUT_MS = 5_000;
  private static final int[] COMMANDS = {
      AstronMsg.CLIENTAGENT_SET_STATE, AstronMsg.CLIENTAGENT_SET_CLIENT_ID,
      AstronMsg.CLIENTAGENT_SEND_DATAGRAM, AstronMsg.CLIENTAGENT_EJECT,
      AstronMsg.CLIENTAGENT_DROP, AstronMsg.CLIENTAGENT_OPEN_CHANNEL,
      AstronMsg.CLIENTAGENT_CLOSE_CHANNEL, AstronMsg.CLIENTAGENT_ADD_POST_REMOVE,
      AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT, AstronMsg.CLIENTAGENT_ADD_INTEREST,
      AstronMsg.CLIENTAGENT_ADD_INTEREST_MULTIPLE, AstronMsg.CLIENTAGENT_REMOVE_INTEREST,
  };

  private final LocalParticipant participant;
  private final long extensionChannel;
  private final Map<Long, Connection> connections = new ConcurrentHashMap<>();

  public FakeClientAgent(LocalParticipant participant) {
    this(participant, EXTENSION);
  }

  public FakeClientAgent(LocalParticipant participant, long extensionChannel) {
    this.participant = participant;
    this.extensionChannel = extensionChannel;
    for (int type : COMMANDS) {
      participant.onMessage(type, this::record);
    }
  }

  private void record(Datagram d) {
    for (long r : d.recipients()) {
      Connection c = connections.get(r);
      if (c != null) {
        c.received.add(d);
      }
    }
  }

  /** Subscribes a connection channel and announces it with 1300. */
  public Connection connect(long channel) {
    Connection c = attach(channel);
    participant.send(Datagram.of(Datagram.header(extensionChannel, channel,
            AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED)
        .channel(channel).string("10.0.0.1").u16(40000).string("127.0.0.1").u16(5150)));
    return c;
  }

  /** Subscribes a connection channel without announcing it (client agent without notify_connect). */
  public Connection attach(long channel) {
    Connection c = new Connection(channel);
    connections.put(channel, c);
    participant.subscribe(channel);
    return c;
  }

  @Override
  public void close() {
    participant.close();
  }

  /** A 2003 reply the extension asked the client agent to send (1002). */
  public record Reply(int type, DatagramReader payload) {}

  /** An EJECT command. */
  public record Eject(int code, String reason) {}

  /** One client connection of the fake client agent. */
  public final class Connection {
    private final long channel;
    private final BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();

    private Connection(long channel) {
      this.channel = channel;
    }

    public long channel() {
      return channel;
    }

    /** Forwards a 2003 message (type + payload) as 1301. */
    public Connection send(int msgType, Consumer<DatagramWriter> payload) {
      DatagramWriter raw = new DatagramWriter().u16(msgType);
      payload.accept(raw);
      return sendRaw(raw.toByteArray());
    }

    /** Forwards raw bytes as the client message of a 1301. */
    public Connection sendRaw(byte[] raw) {
      participant.send(Datagram.of(Datagram.header(extensionChannel, channel,
          AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE).channel(channel).bytes(raw)));
      return this;
    }

    /** Reports the client gone with 1302. */
    public void disconnect(int code, String reason) {
      participant.send(Datagram.of(Datagram.header(extensionChannel, channel,
              AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED)
          .channel(channel).channel(channel).u16(code).string(reason)));
    }

    /** Waits for the next command to this connection. */
    public Datagram next() {
      try {
        Datagram d = received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (d == null) {
          fail("connection %d: nothing received within %d ms", channel, TIMEOUT_MS);
        }
        return d;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    /** Waits for the next command, which must be of the given type; returns its payload. */
    public DatagramReader next(int msgType) {
      Datagram d = next();
      assertThat(AstronMsg.nameOf(d.msgType())).as("command to %d: %s", channel, d)
          .isEqualTo(AstronMsg.nameOf(msgType));
      assertThat(d.sender()).as("sender of %s", d).isEqualTo(extensionChannel);
      return d.payload();
    }

    /** Waits for a SEND_DATAGRAM and returns the 2003 message it carries. */
    public Reply nextReply() {
      DatagramReader raw = new DatagramReader(next(AstronMsg.CLIENTAGENT_SEND_DATAGRAM).readBlob());
      return new Reply(raw.readU16(), raw);
    }

    /** Waits for an EJECT. */
    public Eject nextEject() {
      DatagramReader in = next(AstronMsg.CLIENTAGENT_EJECT);
      return new Eject(in.readU16(), in.readString());
    }

    /** Waits for a SET_STATE and returns the state. */
    public int nextState() {
      return next(AstronMsg.CLIENTAGENT_SET_STATE).readU16();
    }

    /** Returns what has arrived so far without waiting. */
    public Datagram poll() {
      return received.poll();
    }
  }
}
