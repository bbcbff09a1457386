package org.openttserver.testclient.roles;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.testclient.md.MdDatagram;

/** Builders shared by the state server and DBSS suites. */
public abstract class StateServerSupport extends RoleConformanceSupport {
  /** Plain test class. */
  protected static final String PLAIN = "RoleTestPlain";

  /** Doids for state server objects: u32, outside the DBSS range, unique in the JVM run. */
  private static final AtomicLong NEXT_DOID =
      new AtomicLong(500_000_000L + ThreadLocalRandom.current().nextLong(1000) * 100_000L);

  /** {@return the state server's control channel} */
  protected abstract long ssControl();

  /** {@return a doid no other test uses} */
  protected static long freshDoid() {
    return NEXT_DOID.getAndAdd(10);
  }

  /** {@return a location channel} @param parent the parent @param zone the zone */
  protected static long loc(long parent, long zone) {
    return (parent << 32) | zone;
  }

  /** {@return the children channel of a parent} @param parent the parent */
  protected static long children(long parent) {
    return (1L << 32) | parent;
  }

  /**
   * Creates a RoleTestPlain object.
   *
   * @param p the creator
   * @param doid the doid
   * @param parent the parent
   * @param zone the zone
   * @param required setRequiredA's value
   */
  protected void createPlain(Peer p, long doid, long parent, long zone, long required) {
    p.link().send(dg(ssControl(), p.channel(), STATESERVER_CREATE_OBJECT_WITH_REQUIRED,
        w -> w.doId(doid).doId(parent).u32(zone).u16(cls(PLAIN)).u32(required)));
  }

  /**
   * Sends to an object.
   *
   * @param p the sender
   * @param doid the object
   * @param type the message
   * @param payload the payload
   */
  protected static void toObject(Peer p, long doid, int type, Consumer<DatagramWriter> payload) {
    p.link().send(dg(doid, p.channel(), type, payload));
  }

  /**
   * The ENTER_LOCATION a RoleTestPlain object without ram fields sends.
   *
   * @param doid the object
   * @param parent the parent
   * @param zone the zone
   * @param required setRequiredA
   * @return the datagram
   */
  protected MdDatagram enterPlain(long doid, long parent, long zone, long required) {
    return dg(loc(parent, zone), doid, STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED,
        w -> w.doId(doid).doId(parent).u32(zone).u16(cls(PLAIN)).u32(required));
  }

  /**
   * The first CHANGING_LOCATION of an object without AI or owner, to its new parent.
   *
   * @param doid the object
   * @param parent the parent
   * @param zone the zone
   * @param sender the creator
   * @return the datagram
   */
  protected static MdDatagram firstChanging(long doid, long parent, long zone, long sender) {
    return dg(parent, sender, STATESERVER_OBJECT_CHANGING_LOCATION,
        w -> w.doId(doid).doId(parent).u32(zone).doId(0).u32(0));
  }

  /**
   * Creates a plain object and consumes what its parent's listener hears (the parent must be
   * watched by {@code watcher} on the parent channel and the location).
   *
   * @param p the creator
   * @param watcher subscribed to the parent and location
   * @param doid the doid
   * @param parent the parent
   * @param zone the zone
   */
  protected void createWatched(Peer p, Peer watcher, long doid, long parent, long zone) {
    createPlain(p, doid, parent, zone, 1);
    watcher.link().expectMany(List.of(firstChanging(doid, parent, zone, p.channel()),
        dg(parent, doid, STATESERVER_OBJECT_GET_AI, w -> w.u32(0)),
        enterPlain(doid, parent, zone, 1)));
  }

  /**
   * Waits until an object has handled everything sent to it before (a GET_LOCATION round trip).
   *
   * @param p a peer
   * @param doid the object
   */
  protected static void sync(Peer p, long doid) {
    toObject(p, doid, STATESERVER_OBJECT_GET_LOCATION, w -> w.u32(0xC0FFEE));
    while (true) {
      MdDatagram d = next(p.link());
      if (d.msgType() == STATESERVER_OBJECT_GET_LOCATION_RESP && d.payload().readU32() == 0xC0FFEE) {
        return;
      }
    }
  }
}
