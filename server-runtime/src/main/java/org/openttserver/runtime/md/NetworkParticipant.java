package org.openttserver.runtime.md;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP link to the message director. Control messages change this link's subscriptions and
 * post-removes; everything else is routed. A malformed control message closes the link; a
 * datagram with a truncated header is logged and dropped, as Astron does.
 */
final class NetworkParticipant extends MdParticipant {
  private static final Logger log = LoggerFactory.getLogger(NetworkParticipant.class);

  /** Datagrams queued for {@link MessageDirector#routeAll} before they are routed anyway. */
  private static final int ROUTE_QUEUE = 256;

  private final MessageDirector md;
  private final Channel channel;
  private final LinkWriter writer;

  NetworkParticipant(MessageDirector md, Channel channel) {
    super("md-link " + channel.remoteAddress());
    this.md = md;
    this.channel = channel;
    this.writer = new LinkWriter(channel, name());
  }

  @Override
  protected void deliver(Datagram datagram) {
    writer.write(datagram);
  }

  /**
   * The inbound end of the link's pipeline, after the frame decoder. What one socket read
   * carries is routed together ({@link MessageDirector#routeAll}, control messages in their
   * place) with the receivers' executors {@linkplain SerialExecutor#hold held}, so an
   * in-process receiver gets consecutive datagrams for it as one unit.
   */
  final class Inbound extends HoldingLinkHandler {
    /** Datagrams to route, in arrival order; routed together before anything else happens. */
    private final List<Datagram> toRoute = new ArrayList<>();
    /** Set when the link is being closed: the rest of what it sent is dropped, as Astron does. */
    private boolean closing;

    private void routeQueued() {
      if (!toRoute.isEmpty()) {
        try {
          md.routeAll(toRoute, NetworkParticipant.this);
        } finally {
          toRoute.clear(); // never routed twice, even if a receiver threw
        }
      }
    }

    @Override
    protected void beforeRelease() {
      routeQueued();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      md.add(NetworkParticipant.this);
      log.info("{} connected", name());
      ctx.fireChannelActive();
    }

    @Override
    protected void closed(ChannelHandlerContext ctx) {
      // What the link sent was routed before its post-removes are.
      log.info("{} disconnected", name());
      md.remove(NetworkParticipant.this);
    }

    @Override
    protected void frame(ChannelHandlerContext ctx, byte[] body) {
      if (closing) {
        return;
      }
      Datagram d;
      try {
        d = Datagram.wrap(body);
      } catch (DatagramFormatException e) {
        if (body.length < 2 || (body[0] & 0xFF) == 1) {
          routeQueued();
          // Astron ends a link whose first recipient cannot even be read.
          log.warn("{}: closing link: {}", name(), e.getMessage());
          closing = true;
          ctx.close();
        } else {
          log.warn("{}: dropped datagram: {}", name(), e.getMessage());
        }
        return;
      }
      if (!d.isControl()) {
        toRoute.add(d);
        if (toRoute.size() >= ROUTE_QUEUE) {
          routeQueued();
        }
        return;
      }
      routeQueued(); // a control message takes effect after what the link sent before it
      try {
        control(d.msgType(), d.payload());
      } catch (DatagramFormatException e) {
        log.warn("{}: closing link: malformed control message: {}", name(), e.getMessage());
        closing = true;
        ctx.close();
      }
    }

    @Override
    protected void failed(Throwable cause) {
      toRoute.clear(); // what this read still held is dropped with the link
      closing = true;
      log.warn("{}: closing link: {}", name(), cause.toString());
    }
  }

  private void control(int type, DatagramReader in) {
    switch (type) {
      case AstronMsg.CONTROL_ADD_CHANNEL -> md.subscribe(this, in.readChannel());
      case AstronMsg.CONTROL_REMOVE_CHANNEL -> md.unsubscribe(this, in.readChannel());
      case AstronMsg.CONTROL_ADD_RANGE -> md.subscribeRange(this, in.readChannel(), in.readChannel());
      case AstronMsg.CONTROL_REMOVE_RANGE ->
          md.unsubscribeRange(this, in.readChannel(), in.readChannel());
      case AstronMsg.CONTROL_ADD_POST_REMOVE -> {
        long key = in.readChannel();
        addPostRemove(key, Datagram.wrap(in.readBlob()));
      }
      case AstronMsg.CONTROL_CLEAR_POST_REMOVES -> clearPostRemoves(in.readChannel());
      case AstronMsg.CONTROL_SET_CON_NAME -> setName(in.readString());
      case AstronMsg.CONTROL_SET_CON_URL -> log.debug("{}: url {}", name(), in.readString());
      case AstronMsg.CONTROL_LOG_MESSAGE -> log.info("{}: event {}", name(), in.readBlob().length);
      default -> log.warn("{}: unknown control message {}", name(), type);
    }
  }
}
