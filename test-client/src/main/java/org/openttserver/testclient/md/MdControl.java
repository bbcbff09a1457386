package org.openttserver.testclient.md;

import java.nio.charset.StandardCharsets;
import org.openttserver.api.msg.AstronMsg;

/** Factories for the control datagrams a participant sends to its message director. */
public final class MdControl {
  private MdControl() {}

  /**
   * CONTROL_ADD_CHANNEL.
   *
   * @param channel the channel to subscribe
   * @return the datagram
   */
  public static MdDatagram addChannel(long channel) {
    return MdDatagram.control(AstronMsg.CONTROL_ADD_CHANNEL, w -> w.channel(channel));
  }

  /**
   * CONTROL_REMOVE_CHANNEL.
   *
   * @param channel the channel to unsubscribe
   * @return the datagram
   */
  public static MdDatagram removeChannel(long channel) {
    return MdDatagram.control(AstronMsg.CONTROL_REMOVE_CHANNEL, w -> w.channel(channel));
  }

  /**
   * CONTROL_ADD_RANGE.
   *
   * @param lo lowest channel, inclusive
   * @param hi highest channel, inclusive
   * @return the datagram
   */
  public static MdDatagram addRange(long lo, long hi) {
    return MdDatagram.control(AstronMsg.CONTROL_ADD_RANGE, w -> w.channel(lo).channel(hi));
  }

  /**
   * CONTROL_REMOVE_RANGE.
   *
   * @param lo lowest channel, inclusive
   * @param hi highest channel, inclusive
   * @return the datagram
   */
  public static MdDatagram removeRange(long lo, long hi) {
    return MdDatagram.control(AstronMsg.CONTROL_REMOVE_RANGE, w -> w.channel(lo).channel(hi));
  }

  /**
   * CONTROL_ADD_POST_REMOVE: u64 key, then the datagram body as a blob.
   *
   * @param key the bundle key
   * @param body the datagram body to route when the link drops
   * @return the datagram
   */
  public static MdDatagram addPostRemove(long key, byte[] body) {
    return MdDatagram.control(AstronMsg.CONTROL_ADD_POST_REMOVE, w -> w.channel(key).blob(body));
  }

  /**
   * CONTROL_CLEAR_POST_REMOVES.
   *
   * @param key the bundle key
   * @return the datagram
   */
  public static MdDatagram clearPostRemoves(long key) {
    return MdDatagram.control(AstronMsg.CONTROL_CLEAR_POST_REMOVES, w -> w.channel(key));
  }

  /**
   * CONTROL_SET_CON_NAME.
   *
   * @param name the connection's name for logs
   * @return the datagram
   */
  public static MdDatagram setConName(String name) {
    return MdDatagram.control(AstronMsg.CONTROL_SET_CON_NAME,
        w -> w.blob(name.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * CONTROL_SET_CON_URL.
   *
   * @param url the connection's URL for logs
   * @return the datagram
   */
  public static MdDatagram setConUrl(String url) {
    return MdDatagram.control(AstronMsg.CONTROL_SET_CON_URL,
        w -> w.blob(url.getBytes(StandardCharsets.UTF_8)));
  }
}
