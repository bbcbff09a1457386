package org.openttserver.runtime.extension;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientMessageHandler;

/** Which plugin handles which 2003 message type; one handler per type. */
public final class ClientMessageRegistry {
  /** A claimed message type. */
  record Entry(String owner, Access access, ClientMessageHandler handler) {}

  private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Claims a type for a plugin.
   *
   * @param owner the plugin id, for the clash message
   * @param msgType the 2003 type
   * @param access who may send it
   * @param handler the handler
   * @return releases the claim
   * @throws IllegalStateException if another plugin claimed the type
   */
  public Registration register(String owner, int msgType, Access access,
      ClientMessageHandler handler) {
    if (msgType < 0 || msgType > 0xFFFF) {
      throw new IllegalArgumentException("message type " + msgType + " is not a u16");
    }
    Entry e = new Entry(owner, access, handler);
    Entry prior = entries.putIfAbsent(msgType, e);
    if (prior != null) {
      throw new IllegalStateException("plugin '" + owner + "' cannot handle "
          + ClientMsg.nameOf(msgType) + " (" + msgType + "): plugin '" + prior.owner()
          + "' already handles it; disable one of them in the config");
    }
    return () -> entries.remove(msgType, e);
  }

  Entry lookup(int msgType) {
    return entries.get(msgType);
  }

  /** {@return how many types are claimed} */
  public int size() {
    return entries.size();
  }
}
