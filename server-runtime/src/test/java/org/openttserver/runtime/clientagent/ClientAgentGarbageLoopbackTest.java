package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.runtime.clientagent.Loopback.Client;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.LinkClosedException;
import org.openttserver.testclient.client.ScriptedClient;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Many connections sending seeded random garbage at once while one well-behaved client keeps
 * talking to the extension: every garbage connection ends with a GO_GET_LOST code and reason or
 * stays harmlessly open until it leaves, every session is closed when its socket is (1302), and
 * the well-behaved client never notices.
 */
class ClientAgentGarbageLoopbackTest {
  private static final int GARBAGE_CLIENTS = 40;
  private static final int ROUND_TRIPS = 100;
  /** Random length prefixes are then mostly over the limit, as from a client out of step. */
  private static final int MAX_MESSAGE = 1024;
  static Loopback server;

  @BeforeAll
  static void startServer() {
    // No rate limit worth the name: the garbage, not the flood control, is under test.
    server = new Loopback("      heartbeat_timeout: 0\n      messages_per_second: 100000\n"
        + "      message_burst: 100000\n      max_message_size: " + MAX_MESSAGE + "\n", 200);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** What one garbage connection saw: its kind and the boot code it got (-1: none). */
  private record Outcome(int kind, int code, String reason) {}

  private static byte[] frame(byte[] body) {
    return new DatagramWriter().u16(body.length).bytes(body).toByteArray();
  }

  /** Seeded garbage of one of four kinds. */
  private static byte[] garbage(int kind, int variant, Random r) {
    DatagramWriter w = new DatagramWriter();
    switch (kind) {
      case 0 -> { // raw bytes: random length prefixes, possibly a never-finished frame
        byte[] b = new byte[200 + r.nextInt(1800)];
        r.nextBytes(b);
        w.bytes(b);
      }
      case 1 -> { // well-framed messages of random types and bodies
        for (int i = 0; i < 20; i++) {
          byte[] body = new byte[2 + r.nextInt(100)];
          r.nextBytes(body);
          if (body[0] == 37 && body[1] == 0) {
            body[0] = 38; // not DISCONNECT: that one ends the connection cleanly, tested elsewhere
          }
          w.bytes(frame(body));
        }
      }
      case 2 -> { // field updates to objects the client cannot see, with random fields and bytes
        for (int i = 0; i < 20; i++) {
          byte[] args = new byte[r.nextInt(40)];
          r.nextBytes(args);
          w.bytes(frame(Protocol2003.encode(new ObjectUpdateField(r.nextInt() & 0xFFFFFFFFL,
              r.nextInt(0x10000), args))));
        }
      }
      default -> { // a frame too short for a type, or one longer than the agent accepts
        if (variant % 2 == 0) {
          w.u16(1).u8(r.nextInt(256));
        } else {
          byte[] b = new byte[100];
          r.nextBytes(b);
          w.u16(0xFFFF).bytes(b);
        }
      }
    }
    return w.toByteArray();
  }

  private static Outcome misbehave(int i) {
    int kind = i % 4;
    // Kinds 2 and 3 must be ejected: give them time on a loaded machine. The others may be left
    // open (waiting for the rest of a frame, or forwarded to the extension): a short look.
    Duration quiet = kind >= 2 ? Duration.ofSeconds(5) : Duration.ofMillis(700);
    try (ScriptedClient c = ScriptedClient.connect(server.ca)) {
      // Spread seeds: java.util.Random's first values for neighbouring seeds are alike.
      c.sendRaw(garbage(kind, i / 4, new Random(i * 0x9E3779B97F4A7C15L)));
      while (true) {
        Optional<byte[]> m;
        try {
          m = c.receive(quiet);
        } catch (LinkClosedException closed) {
          return new Outcome(kind, -2, "closed without GO_GET_LOST");
        }
        if (m.isEmpty()) {
          return new Outcome(kind, -1, "still open");
        }
        DatagramReader r = new DatagramReader(m.get());
        if (r.readU16() == ClientMsg.GO_GET_LOST) {
          Outcome o = new Outcome(kind, r.readU16(), r.readString());
          try {
            c.expectClosed(Duration.ofSeconds(5));
          } catch (AssertionError stillOpen) {
            return new Outcome(kind, -3, "GO_GET_LOST " + o.code() + " but left open");
          }
          return o;
        }
      }
    }
  }

  @Test
  void garbage_whenManyClientsSendIt_thenEachGetsAnOutcomeAndAWellBehavedClientIsUnaffected()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (Peer ext = server.peer(Loopback.EXTENSION); Client good = server.connect(ext)) {
      List<Future<Outcome>> storm = new ArrayList<>();
      for (int i = 0; i < GARBAGE_CLIENTS; i++) {
        int n = i;
        storm.add(pool.submit(() -> misbehave(n)));
      }

      // Meanwhile, and at least until the storm is over, the good client and the extension keep
      // exchanging messages.
      Set<Long> connected = new HashSet<>();
      Set<Long> disconnected = new HashSet<>();
      List<String> problems = new ArrayList<>();
      int rounds = 0;
      while (rounds < ROUND_TRIPS || !storm.stream().allMatch(Future::isDone)) {
        int round = rounds++;
        good.socket().send(new GetShardList());
        DatagramReader r = nextFor(ext, good.channel(), connected, disconnected).payload();
        r.readChannel();
        if (r.readU16() != ClientMsg.GET_SHARD_LIST) {
          problems.add("round " + round + ": forwarded the wrong message");
        }
        ext.send(MdDatagram.builder(AstronMsg.CLIENTAGENT_SEND_DATAGRAM).to(good.channel())
            .from(Loopback.EXTENSION).payload(w -> w.blob(new DatagramWriter()
                .u16(ClientMsg.GET_SHARD_LIST_RESP).u32(round).toByteArray())).build());
        DatagramReader back = good.socket().expect(ClientMsg.GET_SHARD_LIST_RESP);
        if (back.readU32() != round) {
          problems.add("round " + round + ": reply out of order");
        }
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> f : storm) {
        outcomes.add(f.get());
      }

      // Every garbage session is announced and, now that its socket is gone, ended.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while ((disconnected.size() < GARBAGE_CLIENTS || server.agent().connectionCount() > 1)
          && System.nanoTime() < deadline) {
        Optional<MdDatagram> d = ext.link.receive(Duration.ofMillis(100));
        d.ifPresent(x -> note(x, connected, disconnected));
      }

      assertThat(problems).isEmpty();
      assertThat(rounds).isGreaterThanOrEqualTo(ROUND_TRIPS);
      assertThat(connected).hasSize(GARBAGE_CLIENTS).doesNotContain(good.channel());
      assertThat(disconnected).isEqualTo(connected);
      assertThat(server.agent().connectionCount()).isEqualTo(1);
      assertThat(outcomes).extracting(Outcome::code).contains(106, 109, 117);
      for (Outcome o : outcomes) {
        assertThat(o.code()).as("an eject closes the connection: " + o).isNotEqualTo(-3);
        assertThat(o.code()).as("never closed without a reason: " + o).isNotEqualTo(-2);
        if (o.code() >= 0) {
          assertThat(o.reason()).as("reason for " + o).isNotBlank();
        }
        switch (o.kind()) {
          // a prefix over the limit is refused at once; a short one waits for its frame
          case 0 -> assertThat(o.code()).as(o.toString()).isIn(-1, 106, 109, 117, 118, 127);
          // well-framed types the agent does not handle itself go to the extension
          case 1 -> assertThat(o.code()).as(o.toString()).isEqualTo(-1);
          // the agent checks the object before the field and its bytes
          case 2 -> assertThat(o.code()).as(o.toString()).isEqualTo(117);
          default -> assertThat(o.code()).as(o.toString()).isIn(106, 109);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The next 1301 of the good client; 1300/1302 of others are noted, their 1301s skipped. */
  private static MdDatagram nextFor(Peer ext, long channel, Set<Long> connected,
      Set<Long> disconnected) {
    while (true) {
      MdDatagram d = ext.next();
      if (d.msgType() == AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE
          && d.payload().readChannel() == channel) {
        return d;
      }
      note(d, connected, disconnected);
    }
  }

  private static void note(MdDatagram d, Set<Long> connected, Set<Long> disconnected) {
    if (d.msgType() == AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED) {
      connected.add(d.payload().readChannel());
    } else if (d.msgType() == AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED) {
      disconnected.add(d.payload().readChannel());
    }
  }
}
