package org.openttserver.testclient.roles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcFile;
import org.openttserver.testclient.md.MdConformanceSupport;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Plumbing shared by the role suites: the DC the cluster loaded (ids are looked up by name),
 * datagram builders and reply readers.
 */
public abstract class RoleConformanceSupport extends MdConformanceSupport {
  /** Classpath location of the suites' DC fixture; load it after the client's file. */
  public static final String FIXTURE = "/org/openttserver/testclient/roles/roles-test.dc";

  /** {@return the DC files the cluster under test loaded, including {@link #FIXTURE}} */
  protected abstract DcFile dcFile();

  /**
   * {@return the fixture's text}
   */
  public static String fixtureText() {
    try (InputStream in = RoleConformanceSupport.class.getResourceAsStream(FIXTURE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@return a class id}
   *
   * @param name the class
   */
  protected int cls(String name) {
    return dcFile().dclass(name).number();
  }

  /**
   * {@return a field's global id}
   *
   * @param className the class
   * @param field the field
   */
  protected int fid(String className, String field) {
    return dcFile().dclass(className).field(field).globalId();
  }

  /**
   * Builds a datagram.
   *
   * @param to recipient
   * @param from sender
   * @param type message type
   * @param payload writes the payload
   * @return the datagram
   */
  protected static MdDatagram dg(long to, long from, int type, Consumer<DatagramWriter> payload) {
    return MdDatagram.builder(type).to(to).from(from).payload(payload).build();
  }

  /**
   * Builds a datagram to several recipients.
   *
   * @param to recipients
   * @param from sender
   * @param type message type
   * @param payload writes the payload
   * @return the datagram
   */
  protected static MdDatagram dg(long[] to, long from, int type, Consumer<DatagramWriter> payload) {
    return MdDatagram.builder(type).to(to).from(from).payload(payload).build();
  }

  /**
   * Waits for the next datagram.
   *
   * @param link the link
   * @return it
   */
  protected static MdDatagram next(MdConnection link) {
    return link.receive(MdConnection.EXPECT_TIMEOUT)
        .orElseThrow(() -> new AssertionError("expected a datagram but nothing arrived"));
  }

  /**
   * Waits for the next datagram and checks its type.
   *
   * @param link the link
   * @param type the expected type
   * @return its payload
   */
  protected static DatagramReader nextOfType(MdConnection link, int type) {
    MdDatagram d = next(link);
    if (d.msgType() != type) {
      throw new AssertionError("expected type " + type + " but got " + d);
    }
    return d.payload();
  }

  /**
   * Opens a link subscribed to a fresh channel.
   *
   * @return the link and its channel
   */
  protected Peer peer() {
    long ch = freshChannels();
    MdConnection c = connect();
    c.subscribe(ch);
    settle(c);
    return new Peer(c, ch);
  }

  /**
   * A test's link and the channel it listens on.
   *
   * @param link the link
   * @param channel its channel
   */
  protected record Peer(MdConnection link, long channel) {}
}
