package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;

/** The MD link pipeline on an {@link EmbeddedChannel}: framing, control messages, bad input. */
class MdPipelineTest {
  private final MessageDirector md = new MessageDirector();
  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final LocalParticipant local =
      new LocalParticipant(md, "local", ForkJoinPool.commonPool(), timers);
  private final LinkedBlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
  private final List<EmbeddedChannel> channels = new ArrayList<>();

  @AfterEach
  void tearDown() {
    channels.forEach(ch -> {
      ch.finishAndReleaseAll();
    });
    local.close();
    timers.shutdownNow();
  }

  private EmbeddedChannel link() {
    EmbeddedChannel ch = new EmbeddedChannel(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel c) {
        MdServer.initPipeline(c, md);
      }
    });
    channels.add(ch);
    return ch;
  }

  private static ByteBuf frame(DatagramWriter w) {
    byte[] body = w.toByteArray();
    ByteBuf buf = Unpooled.buffer();
    buf.writeShortLE(body.length);
    buf.writeBytes(body);
    return buf;
  }

  private static ByteBuf subscribe(long channel) {
    return frame(Datagram.controlHeader(AstronMsg.CONTROL_ADD_CHANNEL).channel(channel));
  }

  private Datagram readOutbound(EmbeddedChannel ch) {
    ch.runPendingTasks();
    ByteBuf out = ch.readOutbound();
    if (out == null) {
      return null;
    }
    try {
      int len = out.readUnsignedShortLE();
      assertThat(out.readableBytes()).isEqualTo(len);
      byte[] body = new byte[len];
      out.readBytes(body);
      return Datagram.wrap(body);
    } finally {
      out.release();
    }
  }

  @Test
  void link_whenSubscribedAndLocalSends_thenReceivesFramedDatagram() {
    EmbeddedChannel ch = link();
    ch.writeInbound(subscribe(4000));
    Datagram d = Datagram.of(Datagram.header(4000, 77, 1234).u32(99));
    local.send(d);
    assertThat(readOutbound(ch)).isEqualTo(d);
  }

  @Test
  void link_whenFrameArrivesOneByteAtATime_thenRoutesIt() throws Exception {
    local.subscribe(5000);
    local.onMessage(4321, received::add);
    EmbeddedChannel ch = link();
    ByteBuf whole = frame(Datagram.header(5000, 1, 4321).string("hello"));
    while (whole.isReadable()) {
      ch.writeInbound(whole.readRetainedSlice(1));
    }
    whole.release();
    Datagram d = received.poll(2, TimeUnit.SECONDS);
    assertThat(d).isNotNull();
    assertThat(d.payload().readString()).isEqualTo("hello");
  }

  @Test
  void link_whenTwoFramesInOneBuffer_thenRoutesBothInOrder() throws Exception {
    local.subscribe(5001);
    local.onMessage(1, received::add);
    EmbeddedChannel ch = link();
    ByteBuf both = Unpooled.wrappedBuffer(frame(Datagram.header(5001, 1, 1).u8(1)),
        frame(Datagram.header(5001, 1, 1).u8(2)));
    ch.writeInbound(both);
    assertThat(received.poll(2, TimeUnit.SECONDS).payload().readU8()).isEqualTo(1);
    assertThat(received.poll(2, TimeUnit.SECONDS).payload().readU8()).isEqualTo(2);
  }

  @Test
  void link_whenControlMessageTruncated_thenClosesOnlyThatLink() {
    EmbeddedChannel bad = link();
    EmbeddedChannel good = link();
    good.writeInbound(subscribe(6000));
    bad.writeInbound(frame(Datagram.controlHeader(AstronMsg.CONTROL_ADD_RANGE).u32(1)));
    assertThat(bad.isOpen()).isFalse();
    Datagram d = Datagram.of(Datagram.header(6000, 2, 7).u8(0));
    local.send(d);
    assertThat(readOutbound(good)).isEqualTo(d);
  }

  @Test
  void link_whenHeaderTruncated_thenDropsDatagramAndKeepsLink() {
    EmbeddedChannel ch = link();
    ch.writeInbound(frame(new DatagramWriter().u8(2).channel(6001)));
    assertThat(ch.isOpen()).isTrue();
    ch.writeInbound(subscribe(6001));
    Datagram d = Datagram.of(Datagram.header(6001, 2, 7).u8(0));
    local.send(d);
    assertThat(readOutbound(ch)).isEqualTo(d);
  }

  @Test
  void link_whenEmptyFrame_thenClosesLinkAsAstronDoes() {
    EmbeddedChannel ch = link();
    ByteBuf empty = Unpooled.buffer().writeShortLE(0);
    ch.writeInbound(empty);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void link_whenOnlyRecipientsPresent_thenStillRoutesThemLikeAstron() {
    EmbeddedChannel sender = link();
    EmbeddedChannel receiver = link();
    receiver.writeInbound(subscribe(6002));
    sender.writeInbound(frame(new DatagramWriter().u8(1).channel(6002)));
    Datagram d = readOutbound(receiver);
    assertThat(d).isNotNull();
    assertThat(d.hasHeader()).isFalse();
  }

  @Test
  void link_whenClosed_thenPostRemovesAreRouted() throws Exception {
    local.subscribe(7000);
    local.onMessage(55, received::add);
    EmbeddedChannel ch = link();
    Datagram pr = Datagram.of(Datagram.header(7000, 3, 55).string("bye"));
    ch.writeInbound(frame(Datagram.controlHeader(AstronMsg.CONTROL_ADD_POST_REMOVE)
        .channel(3).blob(pr.body())));
    ch.close();
    assertThat(received.poll(2, TimeUnit.SECONDS)).isEqualTo(pr);
    assertThat(md.participantCount()).isEqualTo(1);
  }

  @Test
  void link_whenSenderAlsoSubscribes_thenGetsNoEcho() {
    EmbeddedChannel ch = link();
    ch.writeInbound(subscribe(8000));
    ch.writeInbound(frame(Datagram.header(8000, 9, 1).u8(0)));
    assertThat(readOutbound(ch)).isNull();
  }
}
