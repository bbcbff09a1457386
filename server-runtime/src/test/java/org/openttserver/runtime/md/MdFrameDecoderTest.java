package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;

/** MD framing both ways: the decoder on reads and {@link LinkWriter} on writes. */
class MdFrameDecoderTest {
  private static byte[] body(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed + i);
    }
    return b;
  }

  private static ByteBuf framed(byte[]... bodies) {
    ByteBuf buf = Unpooled.buffer();
    for (byte[] b : bodies) {
      buf.writeShortLE(b.length).writeBytes(b);
    }
    return buf;
  }

  private static List<byte[]> decoded(EmbeddedChannel ch) {
    List<byte[]> out = new ArrayList<>();
    for (Object o; (o = ch.readInbound()) != null; ) {
      out.add((byte[]) o);
    }
    return out;
  }

  @Test
  void decode_whenSeveralFramesInOneRead_thenEachBodyInOrder() {
    EmbeddedChannel ch = new EmbeddedChannel(new MdFrameDecoder());
    byte[] a = body(3, 1);
    byte[] empty = new byte[0];
    byte[] big = body(0xFFFF, 7);
    ch.writeInbound(framed(a, empty, big));
    List<byte[]> out = decoded(ch);
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isEqualTo(a);
    assertThat(out.get(1)).isEmpty();
    assertThat(out.get(2)).isEqualTo(big);
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void decode_whenFramesSplitAtEveryByte_thenSameBodies() {
    EmbeddedChannel ch = new EmbeddedChannel(new MdFrameDecoder());
    byte[] a = body(5, 3);
    byte[] b = body(300, 9);
    ByteBuf all = framed(a, b);
    while (all.isReadable()) {
      ch.writeInbound(all.readRetainedSlice(1));
    }
    all.release();
    List<byte[]> out = decoded(ch);
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo(a);
    assertThat(out.get(1)).isEqualTo(b);
  }

  @Test
  void decode_whenLastFrameIncomplete_thenHeldUntilTheRestArrives() {
    EmbeddedChannel ch = new EmbeddedChannel(new MdFrameDecoder());
    byte[] a = body(10, 0);
    ByteBuf all = framed(a);
    ch.writeInbound(all.readRetainedSlice(7));
    assertThat(decoded(ch)).isEmpty();
    ch.writeInbound(all.readRetainedSlice(all.readableBytes()));
    all.release();
    assertThat(decoded(ch)).singleElement().isEqualTo(a);
  }

  @Test
  void linkWriter_whenManySmallAndOneLargestDatagram_thenFramedInOrder() {
    EmbeddedChannel ch = new EmbeddedChannel();
    LinkWriter writer = new LinkWriter(ch, "test");
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      byte[] b = Datagram.of(Datagram.header(1000 + i, 5, 9000).u32(i)).body();
      sent.add(b);
      writer.write(Datagram.wrap(b));
      if (i == 1500) {
        byte[] largest = new byte[0xFFFF];
        largest[0] = 1;
        System.arraycopy(Datagram.of(Datagram.header(77, 5, 9001)).body(), 1, largest, 1, 18);
        sent.add(largest);
        writer.write(Datagram.wrap(largest));
      }
    }
    ch.runPendingTasks();
    EmbeddedChannel reader = new EmbeddedChannel(new MdFrameDecoder());
    int buffers = 0;
    for (ByteBuf out; (out = ch.readOutbound()) != null; buffers++) {
      reader.writeInbound(out);
    }
    List<byte[]> got = decoded(reader);
    assertThat(got).hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertThat(Arrays.equals(got.get(i), sent.get(i))).as("datagram %d", i).isTrue();
    }
    assertThat(buffers).as("socket buffers for %d datagrams", sent.size())
        .isLessThan(sent.size() / 10);
  }

  /** Frames that exactly fill the 16 KiB staging array, one byte more, and tiny ones between. */
  @Test
  void linkWriter_whenFramesAtTheStagingBoundary_thenFramedInOrder() {
    EmbeddedChannel ch = new EmbeddedChannel();
    LinkWriter writer = new LinkWriter(ch, "test");
    List<byte[]> sent = new ArrayList<>();
    for (int size : new int[] {16 * 1024 - 2, 19, 16 * 1024 - 1, 16 * 1024 - 2, 0xFFFF, 19}) {
      byte[] b = new byte[size];
      System.arraycopy(Datagram.of(Datagram.header(77, 5, 9001)).body(), 0, b, 0, 19);
      sent.add(b);
      writer.write(Datagram.wrap(b));
    }
    ch.runPendingTasks();
    ch.runPendingTasks(); // an empty drain changes nothing
    EmbeddedChannel reader = new EmbeddedChannel(new MdFrameDecoder());
    for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
      reader.writeInbound(out);
    }
    List<byte[]> got = decoded(reader);
    assertThat(got).hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertThat(Arrays.equals(got.get(i), sent.get(i))).as("datagram %d", i).isTrue();
    }
  }
}
