package org.openttserver.testclient.fakes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.openttserver.api.bridge.ConditionalResult;
import org.openttserver.api.bridge.DatabaseObjects;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.bridge.LiveObjects;
import org.openttserver.api.bridge.NoReplyException;
import org.openttserver.api.bridge.NoSuchObjectException;
import org.openttserver.api.bridge.StoredObject;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;

/**
 * An in-memory database ({@link #db}) and DB-state server ({@link #live}) over the demo DC files,
 * for plugins' unit tests: every call is logged ({@code "set-if-equals 5 ok"}, {@code "delete
 * 7"}, ...), reads and conditional writes of chosen ids fail as a database that does not answer
 * would, and a hook runs before the next conditional write (another writer in between). A
 * plugin's tests extend it with helpers of their own.
 */
public class FakeCluster {
  /** The repository root, found from the working directory (a module or the root). */
  public static final Path REPO = findRepo();

  private static Path findRepo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !java.nio.file.Files.isRegularFile(p.resolve("config/dc/demo-toon.dc"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no config/dc/demo-toon.dc above " + Path.of("")
          .toAbsolutePath());
    }
    return p;
  }

  public final DcFile dc;
  public final DcClass toon;
  public final DcClass account;
  public final List<String> log = new CopyOnWriteArrayList<>();
  public final Map<Long, StoredObject> stored = new ConcurrentHashMap<>();
  public final Map<Long, FieldValues> liveFields = new ConcurrentHashMap<>();
  public final Set<Long> failingReads = ConcurrentHashMap.newKeySet();
  /** Conditional writes to these ids fail as a database that does not answer would. */
  public final Set<Long> failingWrites = ConcurrentHashMap.newKeySet();
  /** Runs once before the next conditional write (another writer's change in between). */
  public volatile Runnable beforeConditional;
  public final Db db = new Db();
  public final Live live = new Live();
  private final AtomicLong next = new AtomicLong(100_000_000);

  /**
   * A cluster with no objects.
   *
   * @throws Exception if the demo DC files cannot be read
   */
  public FakeCluster() throws Exception {
    dc = DcParser.parse(List.of(
        DcSource.read(REPO.resolve("config/dc/demo-toon.dc"), DcDialect.EXTENDED),
        DcSource.read(REPO.resolve("config/dc/openttserver.dc"), DcDialect.EXTENDED)));
    toon = dc.dclass("DistributedToon");
    account = dc.dclass("OpenTTAccount");
  }

  /**
   * Stores an account.
   *
   * @param name its name
   * @param slots its toons by slot
   * @return its id
   */
  public long newAccount(String name, long... slots) {
    long id = next.incrementAndGet();
    List<Long> list = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      list.add(i < slots.length ? slots[i] : 0L);
    }
    stored.put(id, new StoredObject(id, account, FieldValues.builder(account)
        .set("setAccountName", name).set("setAvatarSlots", list).build()));
    return id;
  }

  /**
   * Stores a toon.
   *
   * @param accountName its account's name
   * @param friends its friends list as (id, flags) pairs
   * @return its id
   */
  public long newToon(String accountName, List<List<Long>> friends) {
    long id = next.incrementAndGet();
    stored.put(id, new StoredObject(id, toon, FieldValues.builder(toon)
        .set("setName", "Toon " + id).set("setDNAString", (Object) new byte[15])
        .set("setAccountName", accountName).set("setFriendsList", friends).build()));
    return id;
  }

  /**
   * Stores a toon with friends (all with flags 0).
   *
   * @param friends their ids
   * @return its id
   */
  public long toon(long... friends) {
    List<List<Long>> l = new ArrayList<>();
    for (long f : friends) {
      l.add(List.of(f, 0L));
    }
    return newToon("acct", l);
  }

  /**
   * Puts a toon in the DB-state server's memory with its stored values.
   *
   * @param id the toon
   */
  public void activate(long id) {
    liveFields.put(id, stored.get(id).fields());
  }

  /**
   * One stored field of an object.
   *
   * @param id the object
   * @param name the field
   * @return its value alone
   */
  public FieldValues field(long id, String name) {
    return stored.get(id).fields().without(stored.get(id).fields().names().stream()
        .filter(n -> !n.equals(name)).toArray(String[]::new));
  }

  private <T> CompletableFuture<T> readFails(long id) {
    return failingReads.contains(id)
        ? CompletableFuture.failedFuture(new NoReplyException("no answer for " + id, null))
        : null;
  }

  /** The database. */
  public final class Db implements DatabaseObjects {
    @Override
    public CompletableFuture<Long> create(DcClass dclass, FieldValues values) {
      long id = next.incrementAndGet();
      stored.put(id, new StoredObject(id, dclass, values));
      log.add("create " + id);
      return CompletableFuture.completedFuture(id);
    }

    @Override
    public CompletableFuture<StoredObject> getAll(long doId) {
      CompletableFuture<StoredObject> f = readFails(doId);
      if (f != null) {
        return f;
      }
      StoredObject o = stored.get(doId);
      return o == null ? CompletableFuture.failedFuture(new NoSuchObjectException(doId, "none"))
          : CompletableFuture.completedFuture(o);
    }

    @Override
    public CompletableFuture<FieldValues> get(long doId, DcClass dclass, String... names) {
      CompletableFuture<FieldValues> f = readFails(doId);
      if (f != null) {
        return f;
      }
      StoredObject o = stored.get(doId);
      if (o == null) {
        return CompletableFuture.failedFuture(new NoSuchObjectException(doId, "none"));
      }
      Set<String> keep = new HashSet<>(List.of(names));
      return CompletableFuture.completedFuture(o.fields().without(o.fields().names().stream()
          .filter(n -> !keep.contains(n)).toArray(String[]::new)));
    }

    @Override
    public CompletableFuture<Void> set(long doId, FieldValues values) {
      StoredObject o = stored.get(doId);
      if (o != null) {
        stored.put(doId, new StoredObject(doId, o.dclass(), o.fields().with(values)));
      }
      log.add("set " + doId + " " + values.names());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<ConditionalResult> setIfEquals(long doId,
        FieldValues expected, FieldValues replacement) {
      Runnable hook = beforeConditional;
      beforeConditional = null;
      if (hook != null) {
        hook.run();
      }
      if (failingWrites.contains(doId)) {
        return CompletableFuture.failedFuture(new NoReplyException("no answer for " + doId,
            null));
      }
      StoredObject o = stored.get(doId);
      if (o == null) {
        return CompletableFuture.failedFuture(new NoSuchObjectException(doId, "none"));
      }
      FieldValues current = get(doId, o.dclass(), expected.names().toArray(String[]::new))
          .join();
      boolean ok = current.equals(expected);
      if (ok) {
        stored.put(doId, new StoredObject(doId, o.dclass(), o.fields().with(replacement)));
      }
      log.add("set-if-equals " + doId + " " + replacement.names() + (ok ? " ok" : " failed"));
      return CompletableFuture.completedFuture(new ConditionalResult(ok, current));
    }

    @Override
    public synchronized CompletableFuture<ConditionalResult> setIfEmpty(long doId,
        FieldValues value) {
      StoredObject o = stored.get(doId);
      if (o == null) {
        return CompletableFuture.failedFuture(new NoSuchObjectException(doId, "none"));
      }
      boolean ok = !o.fields().contains(value.names().get(0));
      if (ok) {
        stored.put(doId, new StoredObject(doId, o.dclass(), o.fields().with(value)));
      }
      log.add("set-if-empty " + doId + (ok ? " ok" : " failed"));
      return CompletableFuture.completedFuture(new ConditionalResult(ok, ok
          ? FieldValues.empty(o.dclass()) : o.fields()));
    }

    @Override
    public CompletableFuture<Void> delete(long doId) {
      stored.remove(doId);
      log.add("delete " + doId);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<Long>> list(DcClass dclass, long afterDoId, int max) {
      return CompletableFuture.completedFuture(stored.values().stream()
          .filter(o -> o.dclass() == dclass && o.doId() > afterDoId)
          .map(StoredObject::doId).sorted().limit(max).toList());
    }
  }

  /** Objects are active when {@link #liveFields} holds them. */
  /** The DB-state server (objects in memory). */
  public final class Live implements LiveObjects {
    /** Activations so far, completed at once unless {@link #holdActivations}. */
    public final List<CompletableFuture<Void>> activations = new CopyOnWriteArrayList<>();
    /** Leave activations to the test to complete. */
    public volatile boolean holdActivations;
    /** Whether db fields set on a live object are written to the database too. */
    public volatile boolean writeThrough = true;

    @Override
    public CompletableFuture<Void> createObject(long doId, long parent, long zone,
        FieldValues fields) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> createObject(long doId, long parent, long zone,
        FieldValues required, FieldValues other) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> activate(long doId, long parent, long zone) {
      log.add("activate " + doId);
      CompletableFuture<Void> f = new CompletableFuture<>();
      activations.add(f);
      if (!holdActivations) {
        f.complete(null);
      }
      return f;
    }

    @Override
    public CompletableFuture<Void> activate(long doId, long parent, long zone,
        FieldValues overrides) {
      return activate(doId, parent, zone);
    }

    @Override
    public CompletableFuture<Boolean> isActive(long doId) {
      return CompletableFuture.completedFuture(liveFields.containsKey(doId));
    }

    @Override
    public CompletableFuture<Void> setLocation(long doId, long parent, long zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> setOwner(long doId, long owner) {
      log.add("set-owner " + doId);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> setAi(long doId, long ai) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> setFields(long doId, FieldValues values) {
      liveFields.computeIfPresent(doId, (k, v) -> v.with(values));
      log.add("live-set " + doId + " " + values.names());
      if (writeThrough) { // as the DBSS writes db fields to the database
        StoredObject o = stored.get(doId);
        if (o != null) {
          stored.put(doId, new StoredObject(doId, o.dclass(), o.fields().with(values)));
        }
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<FieldValues> getFields(long doId, DcClass dclass,
        String... names) {
      CompletableFuture<FieldValues> f = readFails(doId);
      if (f != null) {
        return f;
      }
      FieldValues v = liveFields.get(doId);
      return v == null ? CompletableFuture.failedFuture(new NoSuchObjectException(doId, "none"))
          : CompletableFuture.completedFuture(v);
    }

    @Override
    public CompletableFuture<LiveObject> getAll(long doId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<List<LiveObject>> zoneObjects(long parent, long... zones) {
      throw new UnsupportedOperationException();
    }

    @Override
    public org.openttserver.api.cluster.Registration events(long channel,
        org.openttserver.api.bridge.ObjectEvents listener) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> deleteRam(long doId) {
      log.add("delete-ram " + doId);
      return CompletableFuture.completedFuture(null);
    }
  }
}
