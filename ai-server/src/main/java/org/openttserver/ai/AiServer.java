package org.openttserver.ai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dna.Zones;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.service.DistrictDirectory;
import org.slf4j.Logger;

/**
 * The base AI: one district and the district-wide objects a 2003 client expects in its zone 2
 * (protocol notes §5.4), over a cluster participant and the Astron bridge alone, so it runs the
 * same in the server's process and alone against Astron's message director. It serves the
 * TimeManager, the TutorialManager ({@link Tutorials}), the EstateManager ({@link Estates}) and
 * magic words; the toons of its district ({@link Toons}, from the state server's ENTER_AI,
 * CHANGING_LOCATION and DELETE_RAM) tell it when a tutorial or an estate is to be freed, and
 * the zones it hands out go to the zones plugin as {@code OpenTTDistrict.grantZones}.
 *
 * <p>Its objects have the AI's channel as their AI, so the state server forwards clients'
 * updates of them here. Before it makes anything it leaves a post-remove with the message
 * director that deletes every object of its channel (STATESERVER_DELETE_AI_OBJECTS): when the
 * AI stops, crashes or loses its link, its district goes down and SERVER_DOWN reaches clients.
 *
 * <p>Everything runs on the participant's executor.
 */
public final class AiServer implements AutoCloseable {
  /**
   * The district-wide classes made when the DC has them, in the order the client should get
   * them: the TimeManager first (timestamps in later generates need its clock).
   */
  public static final List<String> MANAGERS = List.of("TimeManager", "FriendManager",
      "TutorialManager", "EstateManager", "DistributedTrophyMgr", "DistributedBankMgr",
      "SafeZoneManager", "DeleteManager", "MagicWordManager", "NewsManager");

  private final ClusterParticipant participant;
  private final DcFile dc;
  private final AiSettings settings;
  private final Logger log;
  private final AstronBridge bridge;
  private final Map<String, Long> managers = new LinkedHashMap<>();
  private final Map<Long, String> managerClass = new LinkedHashMap<>();
  private final Map<String, Boolean> unhandledLogged = new LinkedHashMap<>();
  private final LongSupplier clockMillis;
  private final AiContext ctx;
  private final Toons toons;
  private MagicWords magicWords;
  private Tutorials tutorials;
  private Estates estates;
  private volatile Registration watch;
  private volatile boolean closed;

  private AiServer(ClusterParticipant participant, DcFile dc, AiSettings settings, Logger log,
      LongSupplier clockMillis, Timers timers) {
    this.participant = participant;
    this.dc = dc;
    this.settings = settings;
    this.log = log;
    this.clockMillis = clockMillis;
    this.bridge = AstronBridge.create(participant, settings.channel(), dc,
        BridgeSettings.defaults());
    this.ctx = new AiContext(bridge, dc, settings, log, timers != null ? timers
        : (ms, task) -> CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS,
            participant.executor()).execute(() -> {
              if (!closed) {
                task.run();
              }
            }), clockMillis);
    this.toons = new Toons(dc.findClass("DistributedToon").orElse(null), settings.channel());
    ctx.occupied(toons::anyIn);
  }

  /**
   * Starts an AI: its post-remove, the district root (created every time; a state server ignores
   * the create of an object that exists, and logs it), its district, and the district-wide
   * objects of {@link #MANAGERS} that the DC has.
   *
   * @param participant its own participant (the message director routes its post-remove when
   *     this participant goes away)
   * @param dc the cluster's DC files (our {@code openttserver.dc} among them)
   * @param settings what to run
   * @param log where to log
   * @return completes, on the participant's executor, once everything was sent
   */
  public static CompletableFuture<AiServer> start(ClusterParticipant participant, DcFile dc,
      AiSettings settings, Logger log) {
    return start(participant, dc, settings, log, System::currentTimeMillis);
  }

  static CompletableFuture<AiServer> start(ClusterParticipant participant, DcFile dc,
      AiSettings settings, Logger log, LongSupplier clockMillis) {
    return start(participant, dc, settings, log, clockMillis, null);
  }

  static CompletableFuture<AiServer> start(ClusterParticipant participant, DcFile dc,
      AiSettings settings, Logger log, LongSupplier clockMillis, Timers timers) {
    if (dc.findClass("OpenTTDistrict").isEmpty() || dc.findClass("OpenTTDistrictRoot").isEmpty()) {
      throw new IllegalArgumentException("the DC files lack OpenTTDistrict/OpenTTDistrictRoot:"
          + " load config/dc/openttserver.dc after the client's toon.dc");
    }
    AiServer ai = new AiServer(participant, dc, settings, log, clockMillis, timers);
    CompletableFuture<AiServer> started = new CompletableFuture<>();
    participant.executor().execute(() -> {
      try {
        ai.begin().whenComplete((ok, err) -> {
          if (err != null) {
            started.completeExceptionally(err);
          } else {
            started.complete(ai);
          }
        });
      } catch (RuntimeException e) {
        started.completeExceptionally(e);
      }
    });
    return started;
  }

  private CompletableFuture<Void> begin() {
    long channel = settings.channel();
    participant.addPostRemove(channel, deleteMyObjects());
    watch = bridge.objects().events(channel, this::on);
    var live = bridge.objects();
    live.createObject(DistrictDirectory.ROOT_DO_ID, 0, 0,
        FieldValues.empty(dc.dclass("OpenTTDistrictRoot")));
    long district = ctx.takeDoId().orElseThrow();
    ctx.district(district);
    toons.district(district);
    DcClass d = dc.dclass("OpenTTDistrict");
    // Its objects first (the district is announced only once it is complete): they are
    // children of the district, which exists in the state server before them.
    live.createObject(district, DistrictDirectory.ROOT_DO_ID, DistrictDirectory.DISTRICT_ZONE,
        FieldValues.builder(d).set("setDistrictName", settings.districtName())
            .set("setPopulation", 0L).set("setAvailable", 0L).build());
    live.setAi(district, channel);
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (String name : MANAGERS) {
      Optional<DcClass> cls = dc.findClass(name);
      if (cls.isEmpty()) {
        continue;
      }
      long id = ctx.takeDoId().orElseThrow();
      managers.put(name, id);
      managerClass.put(id, name);
      sent.add(live.createObject(id, district, Zones.UBER_ZONE, FieldValues.empty(cls.get())));
      // The FriendManager's requests go to whoever serves friends (the extension's plugin).
      sent.add(live.setAi(id, name.equals("FriendManager") && settings.friendsChannel() != 0
          ? settings.friendsChannel() : channel));
    }
    sent.add(live.setFields(district, FieldValues.builder(d).set("setAvailable", 1L).build()));
    tutorials = new Tutorials(ctx, managers.getOrDefault("TutorialManager", 0L), toons);
    estates = new Estates(ctx, managers.getOrDefault("EstateManager", 0L), toons);
    toons.listen(tutorials);
    toons.listen(estates);
    magicWords = new MagicWords(bridge, dc, settings.magicWordAccess(), log,
        estates::sendToPlayground);
    log.info("ai: district {} '{}' is up with {} ({} doIds {}-{}); tutorial: {}", district,
        settings.districtName(), String.join(", ", managers.keySet()), managers.size() + 1,
        settings.firstDoId(), ctx.lastDoIdUsed(), tutorials.mode().name().toLowerCase(
            java.util.Locale.ROOT));
    if (!managers.containsKey("EstateManager")) {
      log.warn("ai: the DC has no EstateManager; a 2003 client crashes removing a friend or"
          + " going home without one (use the game's own toon.dc)");
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  private Datagram deleteMyObjects() {
    return Datagram.of(Datagram.header(Channels.ALL_STATE_SERVERS, settings.channel(),
        AstronMsg.STATESERVER_DELETE_AI_OBJECTS).u64(settings.channel()));
  }

  /** {@return the district's doId} */
  public long districtId() {
    return settings.firstDoId();
  }

  /** {@return the district-wide objects made, by class name, in creation order} */
  public Map<String, Long> managers() {
    return Collections.unmodifiableMap(managers);
  }

  /** {@return the estates, for tests} */
  Estates estatesForTests() {
    return estates;
  }

  /** {@return the settings} */
  public AiSettings settings() {
    return settings;
  }

  // --- clients' updates of the AI's objects ----------------------------------------------------

  void on(ObjectEvent event) {
    try {
      dispatch(event);
    } catch (RuntimeException e) {
      // A bug of ours must not take the AI's event stream down with it.
      log.warn("ai: handling {} failed: {}", event.getClass().getSimpleName(), e.toString(), e);
    }
  }

  private void dispatch(ObjectEvent event) {
    if (closed || tutorials == null || toons.on(event)
        || !(event instanceof ObjectEvent.FieldsChanged f)) {
      return;
    }
    String cls = managerClass.get(f.doId());
    if (cls == null) {
      ctx.handle(f); // a tutorial's or an estate's object, or nothing of ours
      return;
    }
    long avatarId = f.sender() & 0xFFFF_FFFFL;
    for (String field : f.values().names()) {
      List<Object> args = f.values().get(field);
      switch (cls + "." + field) {
        case "TimeManager.requestServerTime" -> serverTime(f.doId(), avatarId, args);
        case "TimeManager.setDisconnectReason" -> log.info("ai: toon {} is leaving (reason {})",
            avatarId, args.get(0));
        case "TutorialManager.requestTutorial", "TutorialManager.rejectTutorial",
            "TutorialManager.toonArrived", "TutorialManager.allDone" ->
            tutorials.request(avatarId, field);
        case "EstateManager.getEstateZone", "EstateManager.exitEstate",
            "EstateManager.removeFriend" -> estates.request(avatarId, field, args);
        case "MagicWordManager.setMagicWord" -> magicWord(f.doId(), f.sender(), args);
        default -> {
          if (unhandledLogged.put(cls + "." + field, Boolean.TRUE) == null) {
            log.info("ai: {}.{} from toon {} is not handled by the base AI (logged once)", cls,
                field, avatarId);
          }
        }
      }
    }
  }

  /**
   * {@code serverTime(context, timestamp, timeOfDay)} to the asking client only: the 2003 client
   * syncs its clock with the timestamp (hundredths of a second, 16 bits, as its network time)
   * and compares the time of day (seconds since 1970) with the login's.
   */
  private void serverTime(long tm, long avatarId, List<Object> args) {
    if (avatarId == 0) {
      log.info("ai: requestServerTime from a client with no toon; ignored");
      return;
    }
    long now = clockMillis.getAsLong();
    long timestamp = (short) ((now / 10) & 0xFFFF);
    bridge.clients().sendFields(Channels.avatar(avatarId), tm,
        FieldValues.builder(dc.dclass("TimeManager"))
            .set("serverTime", args.get(0), timestamp, now / 1000).build());
  }

  /** MagicWordManager.setMagicWord(word, avId, zoneId): run, answered to the sender only. */
  private void magicWord(long mwm, long sender, List<Object> args) {
    long accountId = sender >>> 32;
    long avatarId = sender & 0xFFFF_FFFFL;
    if (avatarId == 0 || accountId == 0) {
      log.info("ai: a magic word from a client with no toon; ignored");
      return;
    }
    String word = (String) args.get(0);
    magicWords.run(accountId, avatarId, word).whenComplete((text, err) -> {
      String answer = err != null ? "The magic word could not be done now." : text;
      if (err != null) {
        log.warn("ai: magic word '{}' from toon {} failed: {}", MagicWords.printable(word),
            avatarId, err.toString());
      }
      if (!closed) {
        bridge.clients().sendFields(Channels.avatar(avatarId), mwm,
            FieldValues.builder(dc.dclass("MagicWordManager"))
                .set("setMagicWordResponse", answer).build());
      }
    });
  }

  /**
   * Stops the AI cleanly: its objects are deleted now (the district goes down), the post-remove
   * is withdrawn and the bridge closed. The participant stays open (its owner closes it). Safe
   * to call from any thread, more than once.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    participant.send(deleteMyObjects());
    participant.clearPostRemoves(settings.channel());
    Registration w = watch;
    if (w != null) {
      w.close();
    }
    bridge.close();
    log.info("ai: district {} '{}' stopped", districtId(), settings.districtName());
  }
}
