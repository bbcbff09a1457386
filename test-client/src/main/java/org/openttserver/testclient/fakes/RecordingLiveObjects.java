package org.openttserver.testclient.fakes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.bridge.LiveObjects;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.bridge.ObjectEvents;
import org.openttserver.api.bridge.RefusedException;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcClass;

/**
 * {@link LiveObjects} for unit tests: commands are recorded in order as short strings ("create
 * 4618 0/0", "location 7 60/1", "fields 60 setPopulation=[1]", "delete 7", "owner 7 99", "ai 7
 * 99", "activate 7 0/0"), zone queries wait for the test ({@link #answerZoneQuery}), and {@link
 * #emit} delivers an event to the watches of a channel.
 */
public final class RecordingLiveObjects implements LiveObjects {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Deque<CompletableFuture<List<LiveObject>>> zoneQueries = new ArrayDeque<>();
  private final Map<Long, List<ObjectEvents>> watches = new ConcurrentHashMap<>();
  private final Map<Long, Long> aiChannels = new ConcurrentHashMap<>();

  /** {@return the commands so far, in order} */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /** Forgets the commands recorded so far. */
  public void clear() {
    calls.clear();
  }

  /** {@return how many zone queries wait for an answer} */
  public synchronized int pendingZoneQueries() {
    return zoneQueries.size();
  }

  /**
   * Answers the oldest waiting zone query.
   *
   * @param objects the objects found
   */
  public void answerZoneQuery(List<LiveObject> objects) {
    CompletableFuture<List<LiveObject>> f;
    synchronized (this) {
      f = zoneQueries.removeFirst();
    }
    f.complete(objects);
  }

  /**
   * Fails the oldest waiting zone query.
   *
   * @param error why
   */
  public void failZoneQuery(Throwable error) {
    CompletableFuture<List<LiveObject>> f;
    synchronized (this) {
      f = zoneQueries.removeFirst();
    }
    f.completeExceptionally(error);
  }

  /**
   * Delivers an event to every watch of its channel.
   *
   * @param event the event
   */
  public void emit(ObjectEvent event) {
    for (ObjectEvents l : watches.getOrDefault(event.channel(), List.of())) {
      l.on(event);
    }
  }

  /** {@return the channels watched now} */
  public java.util.Set<Long> watchedChannels() {
    return java.util.Set.copyOf(watches.keySet());
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> createObject(long doId, long parent, long zone,
      FieldValues fields) {
    calls.add("create " + doId + " " + parent + "/" + zone);
    return done();
  }

  @Override
  public CompletableFuture<Void> createObject(long doId, long parent, long zone,
      FieldValues required, FieldValues other) {
    return createObject(doId, parent, zone, required);
  }

  @Override
  public CompletableFuture<Void> activate(long doId, long parent, long zone) {
    calls.add("activate " + doId + " " + parent + "/" + zone);
    return done();
  }

  @Override
  public CompletableFuture<Void> activate(long doId, long parent, long zone,
      FieldValues overrides) {
    return activate(doId, parent, zone);
  }

  @Override
  public CompletableFuture<Boolean> isActive(long doId) {
    return CompletableFuture.completedFuture(false);
  }

  @Override
  public CompletableFuture<Void> setLocation(long doId, long parent, long zone) {
    calls.add("location " + doId + " " + parent + "/" + zone);
    return done();
  }

  @Override
  public CompletableFuture<Void> setOwner(long doId, long owner) {
    calls.add("owner " + doId + " " + owner);
    return done();
  }

  @Override
  public CompletableFuture<Void> setAi(long doId, long ai) {
    calls.add("ai " + doId + " " + ai);
    return done();
  }

  @Override
  public CompletableFuture<Void> setFields(long doId, FieldValues values) {
    StringBuilder b = new StringBuilder("fields " + doId);
    for (String name : values.names()) {
      b.append(' ').append(name).append('=').append(values.get(name));
    }
    calls.add(b.toString());
    return done();
  }

  @Override
  public CompletableFuture<FieldValues> getFields(long doId, DcClass dclass,
      String... fieldNames) {
    return CompletableFuture.failedFuture(new RefusedException("not recorded: getFields"));
  }

  /**
   * Sets the AI channel {@link #getAi} answers for an object (0 until set).
   *
   * @param doId the object
   * @param channel its AI channel
   */
  public void ai(long doId, long channel) {
    aiChannels.put(doId, channel);
  }

  @Override
  public CompletableFuture<Long> getAi(long doId) {
    return CompletableFuture.completedFuture(aiChannels.getOrDefault(doId, 0L));
  }

  @Override
  public CompletableFuture<LiveObject> getAll(long doId) {
    return CompletableFuture.failedFuture(new RefusedException("not recorded: getAll"));
  }

  @Override
  public synchronized CompletableFuture<List<LiveObject>> zoneObjects(long parent,
      long... zones) {
    calls.add("query " + parent + "/" + java.util.Arrays.toString(zones));
    CompletableFuture<List<LiveObject>> f = new CompletableFuture<>();
    zoneQueries.addLast(f);
    return f;
  }

  @Override
  public CompletableFuture<Void> deleteRam(long doId) {
    calls.add("delete " + doId);
    return done();
  }

  @Override
  public Registration events(long channel, ObjectEvents listener) {
    calls.add("watch " + channel);
    watches.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> {
      List<ObjectEvents> l = watches.get(channel);
      if (l != null) {
        l.remove(listener);
        if (l.isEmpty()) {
          watches.remove(channel);
        }
      }
    };
  }
}
