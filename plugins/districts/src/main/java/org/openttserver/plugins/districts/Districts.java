package org.openttserver.plugins.districts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.bridge.LiveObjects;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dna.Zones;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.GetShardListResp;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.api.protocol.ServerDown;
import org.openttserver.api.protocol.ServerUp;
import org.openttserver.api.protocol.SetShard;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.session.ClientProtocolException;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.ClientSessions;
import org.openttserver.api.session.SessionKey;
import org.slf4j.Logger;

/**
 * The districts an AI runs and the avatars in them.
 *
 * <p>Districts are learnt from the state server: the root's district zone is watched (an AI's
 * create arrives as an enter-location, a delete or a crash's post-remove as a delete), and one
 * zone query at start finds those made before. Everything here runs on the extension's
 * executor: the handlers, the watch and the futures of the bridge all complete there; what
 * other threads read ({@link #districts}, {@link #district}) is an immutable snapshot.
 */
final class Districts implements DistrictDirectory {
  /** Where a session's avatar is. */
  record Where(long districtId, long avatarId) {}

  static final SessionKey<Where> WHERE = SessionKey.of("districts.where", Where.class);

  /** How long a failed start-up query waits before it is tried again. */
  static final long RETRY_MS = 5_000;
  /** How long population changes gather before the district objects are updated. */
  static final long POPULATION_FLUSH_MS = 1_000;

  private static final class Entry {
    final long id;
    String name;
    boolean available;
    final Set<ClientSession> members = new LinkedHashSet<>();
    boolean populationDirty;
    /** The district object's AI channel, 0 until the state server said. */
    long aiChannel;
    boolean askingAi;

    Entry(long id, String name, boolean available) {
      this.id = id;
      this.name = name;
      this.available = available;
    }

    District view() {
      return new District(id, name, members.size(), available, aiChannel);
    }
  }

  private final LiveObjects live;
  private final DcClass districtClass;
  private final DcClass rootClass;
  private final DcClass toonClass;
  private final boolean toonHasDefaultShard;
  private final ClientSessions sessions;
  private final Supplier<Optional<AvatarPresence>> presence;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Logger log;
  private final long retryMs;

  private final Map<Long, Entry> running = new TreeMap<>();
  private final Set<Long> goneDuringQuery = new HashSet<>();
  private final List<DistrictListener> enterListeners = new CopyOnWriteArrayList<>();
  private final List<DistrictListener> leaveListeners = new CopyOnWriteArrayList<>();
  private volatile List<District> snapshot = List.of();
  private boolean querying;
  private boolean stopped;
  private Registration watch;
  private ScheduledFuture<?> flush;

  Districts(LiveObjects live, DcFile dc, ClientSessions sessions,
      Supplier<Optional<AvatarPresence>> presence, Executor executor,
      ScheduledExecutorService scheduler, Logger log) {
    this(live, dc, sessions, presence, executor, scheduler, log, RETRY_MS);
  }

  Districts(LiveObjects live, DcFile dc, ClientSessions sessions,
      Supplier<Optional<AvatarPresence>> presence, Executor executor,
      ScheduledExecutorService scheduler, Logger log, long retryMs) {
    this.retryMs = retryMs;
    this.live = live;
    this.districtClass = dc.dclass("OpenTTDistrict");
    this.rootClass = dc.dclass("OpenTTDistrictRoot");
    this.toonClass = dc.findClass("DistributedToon").orElse(null);
    this.toonHasDefaultShard = toonClass != null
        && toonClass.findField("setDefaultShard").isPresent();
    this.sessions = sessions;
    this.presence = presence;
    this.executor = executor;
    this.scheduler = scheduler;
    this.log = log;
  }

  /** Makes the root if it is missing, watches its district zone and asks for what is there. */
  void start() {
    // A second create of an existing object is ignored by the state server (Astron's too).
    live.createObject(ROOT_DO_ID, 0, 0, FieldValues.empty(rootClass));
    watch = live.events(Channels.location(ROOT_DO_ID, DISTRICT_ZONE), this::on);
    query();
  }

  void stop() {
    stopped = true;
    if (watch != null) {
      watch.close();
    }
    if (flush != null) {
      flush.cancel(false);
    }
  }

  private void query() {
    if (stopped) {
      return;
    }
    querying = true;
    live.zoneObjects(ROOT_DO_ID, DISTRICT_ZONE).whenComplete((list, err) -> {
      querying = false;
      if (stopped) {
        return;
      }
      if (err != null) {
        log.warn("districts: the state server did not list the districts ({}); asking again in"
            + " {} ms", err.toString(), retryMs);
        goneDuringQuery.clear();
        scheduler.schedule(() -> executor.execute(this::query), retryMs, TimeUnit.MILLISECONDS);
        return;
      }
      for (LiveObject o : list) {
        if (!goneDuringQuery.contains(o.doId())) {
          add(o);
        }
      }
      goneDuringQuery.clear();
      log.info("districts: {} district(s) running", running.size());
    });
  }

  // --- events from the root's district zone --------------------------------------------------

  void on(ObjectEvent event) {
    if (stopped) {
      return;
    }
    if (event instanceof ObjectEvent.Entered e) {
      add(e.object());
    } else if (event instanceof ObjectEvent.Deleted d) {
      remove(d.doId(), "was deleted");
    } else if (event instanceof ObjectEvent.LocationChanged l) {
      if (l.newParent() != ROOT_DO_ID || l.newZone() != DISTRICT_ZONE) {
        remove(l.doId(), "moved away from the district root");
      }
    } else if (event instanceof ObjectEvent.FieldsChanged f) {
      changed(f.doId(), f.values());
    }
  }

  private void add(LiveObject o) {
    if (o.dclass() != districtClass) {
      log.debug("districts: object {} of class {} in the district zone is not a district",
          o.doId(), o.dclass().name());
      return;
    }
    Entry e = running.get(o.doId());
    if (e != null) {
      changed(o.doId(), o.fields());
      return;
    }
    String name = o.fields().find("setDistrictName").map(v -> (String) v.get(0))
        .orElse("District " + o.doId());
    boolean available = o.fields().find("setAvailable")
        .map(v -> ((Number) v.get(0)).longValue() != 0).orElse(true);
    e = new Entry(o.doId(), name, available);
    running.put(e.id, e);
    askAi(e);
    publish();
    log.info("districts: district {} '{}' is up{}", e.id, name,
        available ? "" : ", not open to players yet");
    if (available) {
      broadcast(new ServerUp(e.id, name));
    }
  }

  private void changed(long doId, FieldValues values) {
    Entry e = running.get(doId);
    if (e == null) {
      return;
    }
    if (e.aiChannel == 0) {
      // Asked too early (created, its AI not set yet): the AI sets it before it opens.
      askAi(e);
    }
    values.find("setDistrictName").ifPresent(v -> e.name = (String) v.get(0));
    Optional<List<Object>> a = values.find("setAvailable");
    if (a.isPresent()) {
      boolean available = ((Number) a.get().get(0)).longValue() != 0;
      if (available != e.available) {
        e.available = available;
        log.info("districts: district {} '{}' is {}", e.id, e.name,
            available ? "open" : "closed to new players");
        broadcast(available ? new ServerUp(e.id, e.name) : new ServerDown(e.id));
      }
    }
    publish();
  }

  /**
   * Reads the district object's AI channel: zone grants are taken only from it. The state
   * server answers 0 when asked between the AI's create and its SET_AI; {@link #changed} asks
   * again then.
   */
  private void askAi(Entry e) {
    if (e.askingAi) {
      return;
    }
    e.askingAi = true;
    live.getAi(e.id).whenComplete((ai, err) -> {
      e.askingAi = false;
      if (stopped || running.get(e.id) != e) {
        return;
      }
      if (err != null) {
        log.warn("districts: the AI channel of district {} '{}' could not be read ({}); its AI's"
            + " zone grants are refused until it is", e.id, e.name, err.toString());
      } else if (ai != 0 && ai != e.aiChannel) {
        e.aiChannel = ai;
        publish();
        log.info("districts: district {} '{}' is run by the AI on channel {}", e.id, e.name, ai);
      }
    });
  }

  private void remove(long doId, String why) {
    Entry e = running.remove(doId);
    if (e == null) {
      if (querying) {
        goneDuringQuery.add(doId);
      }
      return;
    }
    publish();
    log.info("districts: district {} '{}' {}; it is down ({} avatar(s) in it)", e.id, e.name, why,
        e.members.size());
    broadcast(new ServerDown(e.id));
    for (ClientSession s : List.copyOf(e.members)) {
      s.get(WHERE).ifPresent(w -> leave(s, w));
    }
  }

  private void broadcast(ClientBound message) {
    for (ClientSession s : sessions.all()) {
      if (s.isAuthenticated() && s.isConnected()) {
        s.send(message);
      }
    }
  }

  // --- client messages -----------------------------------------------------------------------

  /** GET_SHARD_LIST: the districts open to players, with the avatars in each now (9). */
  CompletionStage<?> shardList(ClientSession s, GetShardList m) {
    List<GetShardListResp.Shard> shards = new ArrayList<>();
    for (Entry e : running.values()) {
      if (e.available) {
        shards.add(new GetShardListResp.Shard(e.id, e.name, e.members.size()));
      }
    }
    s.send(new GetShardListResp(shards));
    return null;
  }

  /**
   * SET_SHARD: the session's avatar enters the district, placed in the quiet zone; a district
   * that is not running (gone since the client's list, or the 0 of a new toon) or that its AI
   * closed is replaced by the open district with the fewest avatars (a closed one only when none
   * is open). Answered by GET_STATE_RESP (47).
   */
  CompletionStage<?> setShard(ClientSession s, SetShard m) {
    OptionalLong avatar = presence.get().map(p -> p.activeAvatar(s)).orElse(OptionalLong.empty());
    if (avatar.isEmpty()) {
      throw new ClientProtocolException(BootCode.NOT_IN_GAME, "SET_SHARD(" + m.shardId()
          + ") before an avatar was chosen (SET_AVATAR)");
    }
    long avatarId = avatar.getAsLong();
    Entry asked = running.get(m.shardId());
    Entry target = asked;
    if (target == null || !target.available) {
      // Gone since the client's list (or a new toon's 0), or closed by its AI (full, closing):
      // the open district with the fewest toons instead.
      target = pick();
      if (target == null) {
        throw new ClientProtocolException(BootCode.NO_DISTRICT, "SET_SHARD(" + m.shardId()
            + "): no district is running");
      }
      log.info("districts: {} asked for district {}, which is {}; toon {} goes to {} '{}'",
          s.accountName(), m.shardId(), asked == null ? "not running" : "closed", avatarId,
          target.id, target.name);
    }
    s.get(WHERE).ifPresent(w -> leave(s, w));
    Where where = new Where(target.id, avatarId);
    s.set(WHERE, where);
    target.members.add(s);
    populationChanged(target);
    live.setLocation(avatarId, target.id, Zones.QUIET_ZONE);
    s.send(GetStateResp.of(Zones.QUIET_ZONE));
    // After the answer: the client is then in the district's world and applies what listeners
    // send it (before it, the 2003 client drops updates of its own toon).
    fire(enterListeners, s, where, "enter");
    if (toonHasDefaultShard) {
      // The toon comes back to this district next time, if it still runs.
      long districtId = target.id;
      live.setFields(avatarId, FieldValues.builder(toonClass)
          .set("setDefaultShard", districtId).build()).whenComplete((ok, err) -> {
            if (err != null) {
              log.warn("districts: could not store district {} as toon {}'s default: {}",
                  districtId, avatarId, err.toString());
            }
          });
    }
    return null;
  }

  /** {@return the open district with the fewest avatars, else any running one, else null} */
  private Entry pick() {
    Comparator<Entry> fewest = Comparator.<Entry>comparingInt(e -> e.members.size())
        .thenComparingLong(e -> e.id);
    return running.values().stream().filter(e -> e.available).min(fewest)
        .or(() -> running.values().stream().min(fewest)).orElse(null);
  }

  /** The avatar left the world (AvatarPresence): it leaves its district too. */
  void avatarLeft(ClientSession s, long avatarId) {
    s.get(WHERE).ifPresent(w -> leave(s, w));
  }

  private void leave(ClientSession s, Where w) {
    s.set(WHERE, null);
    Entry e = running.get(w.districtId());
    if (e != null) {
      e.members.remove(s);
      populationChanged(e);
    }
    fire(leaveListeners, s, w, "leave");
  }

  private void fire(List<DistrictListener> listeners, ClientSession s, Where w, String what) {
    for (DistrictListener l : listeners) {
      try {
        l.on(s, w.avatarId(), w.districtId());
      } catch (RuntimeException e) {
        log.error("districts: a listener failed on the {} of toon {} in district {}", what,
            w.avatarId(), w.districtId(), e);
      }
    }
  }

  // --- population ------------------------------------------------------------------------------

  private void populationChanged(Entry e) {
    publish();
    e.populationDirty = true;
    if (flush == null || flush.isDone()) {
      flush = scheduler.schedule(() -> executor.execute(this::flushPopulation),
          POPULATION_FLUSH_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Writes changed populations into the district objects, for the AIs. */
  void flushPopulation() {
    for (Entry e : running.values()) {
      if (e.populationDirty) {
        e.populationDirty = false;
        live.setFields(e.id, FieldValues.builder(districtClass)
            .set("setPopulation", (long) e.members.size()).build());
      }
    }
  }

  private void publish() {
    List<District> list = new ArrayList<>(running.size());
    for (Entry e : running.values()) {
      list.add(e.view());
    }
    snapshot = List.copyOf(list);
  }

  // --- DistrictDirectory -----------------------------------------------------------------------

  @Override
  public List<District> districts() {
    return snapshot;
  }

  @Override
  public Optional<District> district(long districtId) {
    return snapshot.stream().filter(d -> d.id() == districtId).findFirst();
  }

  @Override
  public OptionalLong districtOf(ClientSession session) {
    return session.get(WHERE).map(w -> OptionalLong.of(w.districtId()))
        .orElse(OptionalLong.empty());
  }

  @Override
  public Registration onEnter(DistrictListener listener) {
    return add(enterListeners, listener);
  }

  @Override
  public Registration onLeave(DistrictListener listener) {
    return add(leaveListeners, listener);
  }

  private static Registration add(List<DistrictListener> list, DistrictListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    list.add(listener);
    return () -> list.remove(listener);
  }
}
