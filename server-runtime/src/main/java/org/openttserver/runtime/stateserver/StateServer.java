package org.openttserver.runtime.stateserver;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.roles.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state server role: creates objects on its control channel (and 12), and deletes the
 * objects of an AI that left (DELETE_AI_OBJECTS). The objects themselves handle everything
 * addressed to their doids.
 */
public final class StateServer implements Role, ObjectHost.RoleFilter {
  private static final Logger log = LoggerFactory.getLogger(StateServer.class);

  private final ObjectHost host;
  private final long control;

  /**
   * Starts a state server.
   *
   * @param md the director
   * @param control the control channel
   * @param pool lends threads
   * @param dc the DC files
   */
  public StateServer(MessageDirector md, long control, Executor pool, ClusterDc dc) {
    this.control = control;
    this.host = new ObjectHost(md, "stateserver(" + control + ")", pool, dc);
    host.setRole(this);
    host.subscribeRole(control);
    host.subscribeRole(Channels.ALL_STATE_SERVERS);
  }

  @Override
  public boolean accepts(long channel) {
    return channel == control || channel == Channels.ALL_STATE_SERVERS;
  }

  @Override
  public long claim(Datagram d) {
    int t = d.msgType();
    boolean create = t == STATESERVER_CREATE_OBJECT_WITH_REQUIRED
        || t == STATESERVER_CREATE_OBJECT_WITH_REQUIRED_OTHER;
    return create && d.payloadSize() >= 4 ? d.payload().readDoId() : 0;
  }

  @Override
  public void handle(Datagram d) {
    DatagramReader r = d.payload();
    switch (d.msgType()) {
      case STATESERVER_CREATE_OBJECT_WITH_REQUIRED -> create(r, d.sender(), false);
      case STATESERVER_CREATE_OBJECT_WITH_REQUIRED_OTHER -> create(r, d.sender(), true);
      case STATESERVER_DELETE_AI_OBJECTS -> deleteAiObjects(r.readChannel(), d.sender());
      default -> log.debug("stateserver: ignoring {}", nameOf(d.msgType()));
    }
  }

  private void create(DatagramReader r, long sender, boolean other) {
    long doid = r.readDoId(); // claim() only claims creates that have one
    try {
      long parent = r.readDoId();
      long zone = r.readU32();
      int classId = r.readU16();
      createObject(doid, parent, zone, classId, r, sender, other);
    } finally {
      host.release(doid);
    }
  }

  private void createObject(long doid, long parent, long zone, int classId, DatagramReader r,
      long sender, boolean other) {
    if (host.objects().containsKey(doid)) {
      log.info("stateserver: create of {} ignored: it already exists", doid);
      return;
    }
    ClusterClass cls = host.dc().dclass(classId);
    if (cls == null) {
      log.warn("stateserver: create of {} with unknown class {}", doid, classId);
      return;
    }
    ObjectState state = new ObjectState(cls);
    try {
      state.readRequired(r);
      if (other) {
        state.readOther(r, cls + "(" + doid + ")");
      }
    } catch (RuntimeException e) {
      log.warn("stateserver: truncated or invalid create of {}({}): {}", cls, doid, e.getMessage());
      return;
    }
    StateObject.create(host, doid, state, parent, zone, sender);
  }

  private void deleteAiObjects(long aiChannel, long sender) {
    List<Long> targets = new ArrayList<>();
    for (StateObject o : host.objects().values()) {
      if (o.ai() == aiChannel && o.aiExplicit()) {
        targets.add(o.doid());
      }
    }
    if (!targets.isEmpty()) {
      host.send(Datagram.of(Datagrams.header(targets, sender, STATESERVER_DELETE_AI_OBJECTS)
          .channel(aiChannel)), this);
    }
  }

  /** {@return the object host (for tests and the benchmark)} */
  public ObjectHost host() {
    return host;
  }

  @Override
  public void close() {
    host.close();
  }

  @Override
  public String toString() {
    return host.name();
  }
}
