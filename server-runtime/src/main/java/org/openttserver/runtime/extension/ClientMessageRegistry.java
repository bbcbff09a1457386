package org.openttserver.runtime.extension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientMessageHandler;

/**
 * Which plugin handles which 2003 message type: one handler per type, and one fallback per type
 * that answers while nobody claims the type.
 */
public final class ClientMessageRegistry {
  /** A claimed message type. */
  record Entry(String owner, Access access, ClientMessageHandler handler) {}

  private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();
  private final Map<Integer, Entry> fallbacks = new ConcurrentHashMap<>();

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
    return claim(entries, "handle ", "handles it", owner, msgType, access, handler);
  }

  /**
   * Registers a fallback for a type: it answers only while no plugin claims the type.
   *
   * @param owner the plugin id, for the clash message
   * @param msgType the 2003 type
   * @param access who may send it
   * @param handler the handler
   * @return removes the fallback
   * @throws IllegalStateException if another plugin registered a fallback for the type
   */
  public Registration registerFallback(String owner, int msgType, Access access,
      ClientMessageHandler handler) {
    return claim(fallbacks, "register a fallback for ", "registered one", owner, msgType, access,
        handler);
  }

  private static Registration claim(Map<Integer, Entry> into, String verb, String clash,
      String owner, int msgType, Access access, ClientMessageHandler handler) {
    if (msgType < 0 || msgType > 0xFFFF) {
      throw new IllegalArgumentException("message type " + msgType + " is not a u16");
    }
    Entry e = new Entry(owner, access, handler);
    Entry prior = into.putIfAbsent(msgType, e);
    if (prior != null) {
      throw new IllegalStateException("plugin '" + owner + "' cannot " + verb
          + ClientMsg.nameOf(msgType) + " (" + msgType + "): plugin '" + prior.owner()
          + "' already " + clash + "; disable one of them in the config");
    }
    return () -> into.remove(msgType, e);
  }

  Entry lookup(int msgType) {
    Entry e = entries.get(msgType);
    return e != null ? e : fallbacks.get(msgType);
  }

  /**
   * The types a plugin claims (not its fallbacks), for the start-up log.
   *
   * @param owner the plugin id
   * @return their names and numbers, e.g. {@code GET_SHARD_LIST (8)}, by number
   */
  public List<String> claimedBy(String owner) {
    return entries.entrySet().stream().filter(e -> e.getValue().owner().equals(owner))
        .map(Map.Entry::getKey).sorted()
        .map(t -> ClientMsg.nameOf(t) + " (" + t + ")").toList();
  }

  /** {@return how many types are claimed} */
  public int size() {
    return entries.size();
  }
}
