package org.openttserver.testclient.game;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.CreateObjectRequired;
import org.openttserver.api.protocol.CreateObjectRequiredOther;
import org.openttserver.api.protocol.DeleteAvatar;
import org.openttserver.api.protocol.Disconnect;
import org.openttserver.api.protocol.DoneSetZoneResp;
import org.openttserver.api.protocol.FriendOffline;
import org.openttserver.api.protocol.FriendOnline;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.GetFriendList;
import org.openttserver.api.protocol.GetFriendListResp;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.GetShardListResp;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.api.protocol.GoGetLost;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.ObjectDeleteResp;
import org.openttserver.api.protocol.ObjectDisableResp;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.protocol.RemoveFriend;
import org.openttserver.api.protocol.ServerBound;
import org.openttserver.api.protocol.ServerDown;
import org.openttserver.api.protocol.ServerUp;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.protocol.SetShard;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.testclient.LinkClosedException;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * A model of the 2003 client (sv1.0.6.9) as the server sees it: the login and game state
 * machines of protocol-2003.md §3, each step sending what the client sends and waiting for what
 * it waits for, and handling everything else the way the state it is in does (applied, dropped
 * or "unexpected" and logged). It keeps the client's view of the world: the distributed objects
 * it holds, the districts it knows, its friends and who of them is online.
 *
 * <p>What would break the real client fails the step with an {@link AssertionError}: a
 * generate of an unknown class or of its own avatar, a message its reader cannot parse, a
 * non-zero code where the client exits, GO_GET_LOST, or no answer in time.
 *
 * <pre>{@code
 * GameClient c = GameClient.connect(gamePort, dc, hash);
 * c.login(token);
 * c.shardList();
 * long toon = c.createAvatar(dna, 0);
 * c.setAvatar(toon);
 * c.enterDistrict(c.shards().keySet().iterator().next());
 * c.quietZoneTo(2000);
 * }</pre>
 */
public final class GameClient implements AutoCloseable {
  /** How long a step waits for each answer. */
  public static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Classes the client keeps through quiet-zone passes ({@code neverDisable}): the district-wide
   * objects of protocol-2003.md §5.4.
   */
  public static final Set<String> NEVER_DISABLE = Set.of("TimeManager", "FriendManager",
      "TutorialManager", "EstateManager", "DistributedTrophyMgr", "DistributedBankMgr",
      "SafeZoneManager", "DeleteManager", "MagicWordManager", "NewsManager");

  /** A district as the client knows it (a PotentialShard). */
  public record Shard(long id, String name, long population, boolean available) {}

  /** One object the client holds. */
  public record Held(long doId, String className) {}

  /**
   * What one zone change showed the client.
   *
   * @param zone the zone asked for
   * @param generated doIds generated during the change, in order
   * @param disabled doIds disabled by the server during the change
   * @param deleted doIds deleted during the change
   * @param took from the SET_ZONE to the DONE_SET_ZONE_RESP
   */
  public record ZoneChange(int zone, List<Long> generated, List<Long> disabled,
      List<Long> deleted, Duration took) {}

  private final ScriptedClient conn;
  private final DcFile dc;
  private final long dcHash;
  private final Map<Long, Held> objects = new LinkedHashMap<>();
  private final Map<Long, Map<String, List<Object>>> generatedFields = new LinkedHashMap<>();
  private final Map<Long, Shard> shards = new TreeMap<>();
  private final Map<Long, GetFriendListResp.Friend> friends = new LinkedHashMap<>();
  private final Set<Long> onlineFriends = new LinkedHashSet<>();
  private final List<String> unexpected = new ArrayList<>();
  private final List<ObjectUpdateField> updates = new ArrayList<>();
  private List<Long> generatedNow = new ArrayList<>();
  private List<Long> disabledNow = new ArrayList<>();
  private List<Long> deletedNow = new ArrayList<>();
  private long avatarId;
  private List<DcFieldValue> details = List.of();
  private long district;
  private int zone;

  private GameClient(ScriptedClient conn, DcFile dc, long dcHash) {
    this.conn = conn;
    this.dc = dc;
    this.dcHash = dcHash;
  }

  /**
   * Connects to a game server.
   *
   * @param game its game port
   * @param dc the client's DC file (with the server's additions: class numbers of the client's
   *     file come first)
   * @param dcHash the hash the client sends at login
   * @return the connected client
   */
  public static GameClient connect(InetSocketAddress game, DcFile dc, long dcHash) {
    return new GameClient(ScriptedClient.connect(game), dc, dcHash);
  }

  // --- the login FSM -------------------------------------------------------------------------

  /**
   * {@code login}: CLIENT_LOGIN_2 with a play token, waiting for LOGIN_2_RESP (SERVER_UP/DOWN are
   * taken meanwhile). A non-zero code makes the real client exit.
   *
   * @param playToken the token (from play.php, or a made-up one where the server allows it)
   * @return the answer
   */
  public Login2Resp login(String playToken) {
    send(new Login2(playToken, "sv1.0.6.9", dcHash, ClientMsg.TokenType.PLAY_TOKEN));
    Login2Resp r = await(Login2Resp.class, "LOGIN_2_RESP", m -> true, this::shardNews);
    if (r.returnCode() != 0) {
      throw new AssertionError("LOGIN_2_RESP code " + r.returnCode() + " (the client exits): "
          + r);
    }
    return r;
  }

  /**
   * {@code waitForShardList}: GET_SHARD_LIST and its answer. Known districts get their
   * population updated, new ones are added as available, missing ones are kept (only
   * SERVER_DOWN makes one unavailable).
   *
   * @return the districts the client knows now
   */
  public Map<Long, Shard> shardList() {
    send(new GetShardList());
    GetShardListResp r = await(GetShardListResp.class, "GET_SHARD_LIST_RESP", m -> true,
        this::shardNews);
    for (GetShardListResp.Shard s : r.shards()) {
      Shard known = shards.get(s.shardId());
      shards.put(s.shardId(), known == null ? new Shard(s.shardId(), s.name(), s.population(),
          true) : new Shard(s.shardId(), known.name(), s.population(), known.available()));
    }
    return shards();
  }

  /** {@return the available districts the client knows, by id} */
  public Map<Long, Shard> shards() {
    return Collections.unmodifiableMap(shards);
  }

  /**
   * {@code waitForAvatarList}: GET_AVATARS, waiting for code 0.
   *
   * @return the list
   */
  public AvatarListResp avatarList() {
    send(new GetAvatars());
    AvatarListResp r = await(AvatarListResp.class, "GET_AVATARS_RESP", m -> true,
        this::shardNews);
    if (r.returnCode() != 0) {
      throw new AssertionError("GET_AVATARS_RESP code " + r.returnCode()
          + " (the client gives up)");
    }
    return r;
  }

  /**
   * Make-A-Toon's CREATE_AVATAR.
   *
   * @param dna the 15-byte DNA
   * @param slot the slot
   * @return the new toon's id
   */
  public long createAvatar(byte[] dna, int slot) {
    send(new CreateAvatar(0, dna, slot));
    CreateAvatarResp r = await(CreateAvatarResp.class, "CREATE_AVATAR_RESP", m -> true,
        this::shardNews);
    if (r.returnCode() != 0 || r.avatarId().isEmpty()) {
      throw new AssertionError("CREATE_AVATAR refused: " + r);
    }
    return r.avatarId().getAsLong();
  }

  /**
   * Any request of the avatar chooser or the name shop, answered by one message.
   *
   * @param request what the client sends
   * @param answer the answer's record
   * @param <M> the answer
   * @return the answer
   */
  public <M extends ClientBound> M ask(ServerBound request, Class<M> answer) {
    send(request);
    return await(answer, answer.getSimpleName(), m -> true, this::shardNews);
  }

  /**
   * {@code waitForSetAvatarResponse}: SET_AVATAR and its details (15, code 0), then, as the
   * client does on building its LocalToon, GET_FRIEND_LIST (its answer is handled whenever it
   * comes).
   *
   * @param id the toon
   * @return the toon's required fields
   */
  public List<DcFieldValue> setAvatar(long id) {
    send(new SetAvatar(id));
    GetAvatarDetailsResp r = await(GetAvatarDetailsResp.class, "GET_AVATAR_DETAILS_RESP",
        m -> m.avatarId() == id, this::shardNews);
    if (r.returnCode() != 0) {
      throw new AssertionError("GET_AVATAR_DETAILS_RESP code " + r.returnCode()
          + " in waitForSetAvatarResponse (the client exits)");
    }
    avatarId = id;
    details = r.fields(dc.dclass("DistributedToon"));
    send(new GetFriendList());
    return details;
  }

  /** {@return the toon's id, 0 at the chooser} */
  public long avatarId() {
    return avatarId;
  }

  /**
   * A required field of the client's own toon, as its details said.
   *
   * @param name the field
   * @return the values
   */
  public List<Object> detail(String name) {
    return details.stream().filter(v -> v.field().name().equals(name)).findFirst()
        .map(DcFieldValue::values).orElseThrow(() -> new AssertionError("no field " + name));
  }

  // --- the game FSM ---------------------------------------------------------------------------

  /**
   * {@code waitOnEnterResponses} then {@code waitForTimeManager}: SET_SHARD, waiting for
   * GET_STATE_RESP (friend messages are taken meanwhile); then SET_ZONE(1), applying generates
   * and updates until DONE_SET_ZONE_RESP(1), which is when the client has the district's
   * objects.
   *
   * @param shardId the district
   * @return what the quiet zone showed
   */
  public ZoneChange enterDistrict(long shardId) {
    // Switching: the client disables everything but its own toon first.
    objects.clear();
    send(new SetShard(shardId));
    await(GetStateResp.class, "GET_STATE_RESP", m -> true, this::friendNews);
    district = shardId;
    return setZone(1);
  }

  /** {@return the district entered last} */
  public long district() {
    return district;
  }

  /**
   * A QuietZoneState transition (§3.5): the client disables every object that is not
   * neverDisable itself, SET_ZONE(1) and waits for GET_STATE_RESP(1) (taking generates of
   * neverDisable classes only), then SET_ZONE(target), waiting for GET_STATE_RESP(target) with the
   * same filter, then applies everything until DONE_SET_ZONE_RESP(target).
   *
   * @param target the place's zone
   * @return what the target zone showed
   */
  public ZoneChange quietZoneTo(int target) {
    objects.values().removeIf(h -> !NEVER_DISABLE.contains(h.className()));
    send(new SetZone(1));
    awaitState(1);
    long t0 = System.nanoTime();
    send(new SetZone(target));
    resetChange();
    awaitState(target);
    return finishZone(target, t0);
  }

  /**
   * Street walking (§3.6): SET_ZONE without the quiet zone; everything is applied. The real client
   * does not wait; the model waits for DONE_SET_ZONE_RESP(zone) so that a test knows when the
   * server is done.
   *
   * @param to the visgroup entered
   * @return what changed
   */
  public ZoneChange walkTo(int to) {
    return setZone(to);
  }

  private ZoneChange setZone(int z) {
    long t0 = System.nanoTime();
    resetChange();
    send(new SetZone(z));
    return finishZone(z, t0);
  }

  private void awaitState(int z) {
    while (true) {
      ClientBound m = next("GET_STATE_RESP(" + z + ")");
      if (m instanceof GetStateResp s) {
        if (s.zoneId() == z) {
          return;
        }
        continue; // other zones are ignored
      }
      if (m instanceof CreateObjectRequired || m instanceof CreateObjectRequiredOther) {
        // Only neverDisable classes are generated in these states; others are dropped.
        Held h = generate(m);
        if (h != null && !NEVER_DISABLE.contains(h.className())) {
          objects.remove(h.doId());
          generatedNow.remove(h.doId());
        }
        continue;
      }
      playGame(m);
    }
  }

  private ZoneChange finishZone(int z, long t0) {
    while (true) {
      ClientBound m = next("DONE_SET_ZONE_RESP(" + z + ")");
      if (m instanceof DoneSetZoneResp d) {
        if (d.zoneId() == z) {
          zone = z;
          return new ZoneChange(z, List.copyOf(generatedNow), List.copyOf(disabledNow),
              List.copyOf(deletedNow), Duration.ofNanos(System.nanoTime() - t0));
        }
        continue;
      }
      playGame(m);
    }
  }

  private void resetChange() {
    generatedNow = new ArrayList<>();
    disabledNow = new ArrayList<>();
    deletedNow = new ArrayList<>();
  }

  /** {@return the zone of the last completed SET_ZONE} */
  public int zone() {
    return zone;
  }

  /**
   * The TimeManager clock sync (§4.6): requestServerTime(context) on the TimeManager, and at most
   * 5 s for its serverTime with that context (the client carries on without it).
   *
   * @param context the context byte
   * @return the serverTime arguments, or empty if there is no TimeManager or no answer in 5 s
   */
  public Optional<List<Object>> timeSync(int context) {
    Optional<Held> tm = held("TimeManager");
    if (tm.isEmpty()) {
      return Optional.empty();
    }
    DcClass cls = dc.dclass("TimeManager");
    send(ObjectUpdateField.of(tm.get().doId(), cls, "requestServerTime", (long) context));
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int seen = updates.size();
    while (System.nanoTime() < end) {
      Optional<byte[]> body = conn.receive(Duration.ofNanos(Math.max(1,
          end - System.nanoTime())));
      if (body.isEmpty()) {
        break;
      }
      playGame(decode(body.get()));
      for (int i = seen; i < updates.size(); i++) {
        ObjectUpdateField u = updates.get(i);
        if (u.doId() == tm.get().doId()) {
          DcFieldValue v = u.value(cls);
          if (v.field().name().equals("serverTime")
              && ((Number) v.values().get(0)).intValue() == context) {
            return Optional.of(v.values());
          }
        }
      }
      seen = updates.size();
    }
    return Optional.empty();
  }

  /**
   * A field update the client sends (its own toon's broadcast fields, a manager's request).
   *
   * @param doId the object
   * @param className its class
   * @param field the field
   * @param args its arguments
   */
  public void sendUpdate(long doId, String className, String field, Object... args) {
    send(ObjectUpdateField.of(doId, dc.dclass(className), field, args));
  }

  /**
   * A field update addressed to another avatar as {@code sendUpdate(..., sendToId)} sends it
   * (protocol-2003.md §4.4): the target's doId with the field number of the sender's own class,
   * DistributedToon. The target need not be in view.
   *
   * @param toAvatarId the other avatar
   * @param field a DistributedToon field
   * @param args its arguments
   */
  public void sendToId(long toAvatarId, String field, Object... args) {
    sendUpdate(toAvatarId, "DistributedToon", field, args);
  }

  /**
   * A whisper to another avatar ({@code DistributedAvatar.whisperTo}): {@code
   * setWhisperFrom(myId, text)} sent to it with sendToId.
   *
   * @param toAvatarId the other avatar
   * @param text what is whispered
   */
  public void whisperTo(long toAvatarId, String text) {
    sendToId(toAvatarId, "setWhisperFrom", avatarId, text);
  }

  /**
   * "Stop being friends", in the order {@code ToontownClientRepository.removeFriend} sends it
   * (protocol-2003.md §2.8): {@code friendsNotify(myId, 1)} to the former friend with sendToId,
   * CLIENT_REMOVE_FRIEND (56), then {@code EstateManager.removeFriend(myId, friendId)} on the
   * EstateManager the client holds (the real client raises without one, after the first two).
   *
   * @param friendId the friend
   */
  public void removeFriend(long friendId) {
    sendToId(friendId, "friendsNotify", avatarId, 1L);
    send(new RemoveFriend(friendId));
    held("EstateManager").ifPresent(em -> sendUpdate(em.doId(), "EstateManager", "removeFriend",
        avatarId, friendId));
  }

  /**
   * Handles what arrives within a window as {@code handlePlayGame} does.
   *
   * @param window how long to listen
   */
  public void play(Duration window) {
    long end = System.nanoTime() + window.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Optional<byte[]> body = conn.receive(Duration.ofNanos(left));
      if (body.isEmpty()) {
        return;
      }
      playGame(decode(body.get()));
    }
  }

  /**
   * Waits, playing, until a condition on the client's view holds.
   *
   * @param what for the failure message
   * @param condition the condition
   */
  public void playUntil(String what, Predicate<GameClient> condition) {
    long end = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (!condition.test(this)) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("timed out waiting for " + what + "; unexpected so far: "
            + unexpected);
      }
      conn.receive(Duration.ofNanos(left)).ifPresent(b -> playGame(decode(b)));
    }
  }

  /**
   * Book → "Exit Toon" (§3.4): GET_AVATARS while the toon is still set, then SET_AVATAR(0); the
   * client drops every object.
   *
   * @return the avatar list
   */
  public AvatarListResp exitToChooser() {
    objects.clear();
    district = 0;
    zone = 0;
    AvatarListResp list = avatarList();
    send(new SetAvatar(0));
    avatarId = 0;
    friends.clear();
    onlineFriends.clear();
    return list;
  }

  /**
   * DELETE_AVATAR at the chooser; the answer is the new list.
   *
   * @param id the toon
   * @return the list
   */
  public AvatarListResp deleteAvatar(long id) {
    send(new DeleteAvatar(id));
    AvatarListResp r = await(AvatarListResp.class, "GET_AVATARS_RESP", m -> true,
        this::shardNews);
    if (r.returnCode() != 0) {
      throw new AssertionError("DELETE_AVATAR answered with code " + r.returnCode());
    }
    return r;
  }

  /** Quit: CLIENT_DISCONNECT and the server closing the connection. */
  public void disconnect() {
    send(new Disconnect());
    long end = System.nanoTime() + STEP_TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < end) {
        conn.receive(Duration.ofMillis(200));
      }
    } catch (LinkClosedException closed) {
      return;
    }
    throw new AssertionError("the server kept the connection open after DISCONNECT");
  }

  // --- the client's view ----------------------------------------------------------------------

  /** {@return the objects the client holds, by doId} */
  public Map<Long, Held> objects() {
    return Collections.unmodifiableMap(objects);
  }

  /**
   * The first object of a class the client holds.
   *
   * @param className the class
   * @return it, or empty
   */
  public Optional<Held> held(String className) {
    return objects.values().stream().filter(h -> h.className().equals(className)).findFirst();
  }

  /** {@return the friend list entries the client has (from GET_FRIEND_LIST_RESP)} */
  public Map<Long, GetFriendListResp.Friend> friends() {
    return Collections.unmodifiableMap(friends);
  }

  /** {@return the friends the client shows as online} */
  public Set<Long> onlineFriends() {
    return Collections.unmodifiableSet(onlineFriends);
  }

  /**
   * GET_FRIEND_LIST and its answer, as the client asks when its toon's friends list holds an id
   * it has no name for (FRIEND_ONLINE for friends in the world follow the answer).
   *
   * @return the friend list entries the client has now
   */
  public Map<Long, GetFriendListResp.Friend> friendList() {
    send(new GetFriendList());
    GetFriendListResp r = await(GetFriendListResp.class, "GET_FRIEND_LIST_RESP", m -> true,
        m -> {
          playGame(m);
          return true;
        });
    friendNews(r);
    if (r.error() != 0) {
      throw new AssertionError("GET_FRIEND_LIST_RESP error " + r.error());
    }
    return friends();
  }

  /**
   * The arguments of the last update of a field the client applied on an object.
   *
   * @param doId the object
   * @param className its class
   * @param field the field
   * @return the arguments, or empty if none came
   */
  public Optional<List<Object>> lastUpdate(long doId, String className, String field) {
    DcClass cls = dc.dclass(className);
    for (int i = updates.size() - 1; i >= 0; i--) {
      ObjectUpdateField u = updates.get(i);
      if (u.doId() == doId) {
        DcFieldValue v = u.value(cls);
        if (v.field().name().equals(field)) {
          return Optional.of(v.values());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Plays until the client applies an update of a field on an object from now on (one applied
   * before the call does not count: see {@link #lastUpdate}), and returns its arguments.
   *
   * @param doId the object
   * @param className its class
   * @param field the field
   * @return the arguments
   */
  public List<Object> awaitUpdate(long doId, String className, String field) {
    return awaitUpdateWithin(doId, className, field, STEP_TIMEOUT).orElseThrow(() ->
        new AssertionError("no " + className + "." + field + " on " + doId + " within "
            + STEP_TIMEOUT + "; unexpected so far: " + unexpected));
  }

  /**
   * As {@link #awaitUpdate}, but a wait that runs out is an answer, not a failure: what the real
   * client does where it gives up waiting and plays on. Anything else that breaks the client
   * (GO_GET_LOST, the connection closing, a message it cannot read) still fails the step.
   *
   * @param doId the object
   * @param className its class
   * @param field the field
   * @param wait how long to wait
   * @return the arguments, or empty when none came within the wait
   */
  public Optional<List<Object>> awaitUpdateWithin(long doId, String className, String field,
      Duration wait) {
    int from = updates.size();
    DcClass cls = dc.dclass(className);
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      for (int i = from; i < updates.size(); i++) {
        ObjectUpdateField u = updates.get(i);
        if (u.doId() == doId) {
          DcFieldValue v = u.value(cls);
          if (v.field().name().equals(field)) {
            return Optional.of(v.values());
          }
        }
      }
      from = updates.size();
      long left = end - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      Optional<byte[]> body;
      try {
        body = conn.receive(Duration.ofNanos(left));
      } catch (LinkClosedException e) {
        throw new AssertionError("the server closed the connection while the client waited for "
            + className + "." + field, e);
      }
      body.ifPresent(b -> playGame(decode(b)));
    }
  }


  /**
   * The fields an object was generated with.
   *
   * @param doId an object the client holds or held
   * @return its generate's fields by name (required, then other), or empty if never generated
   */
  public Map<String, List<Object>> generatedFields(long doId) {
    return generatedFields.getOrDefault(doId, Map.of());
  }

  /** {@return the field updates the client applied, in order} */
  public List<ObjectUpdateField> updates() {
    return Collections.unmodifiableList(updates);
  }

  /** {@return messages that reached a state not handling them (the client logs and ignores)} */
  public List<String> unexpected() {
    return Collections.unmodifiableList(unexpected);
  }

  /** {@return the client's DC file} */
  public DcFile dcFile() {
    return dc;
  }

  /** {@return the connection, for raw messages} */
  public ScriptedClient connection() {
    return conn;
  }

  @Override
  public void close() {
    conn.close();
  }

  // --- message handling -----------------------------------------------------------------------

  private void send(ServerBound m) {
    conn.send(m);
  }

  private ClientBound decode(byte[] body) {
    DatagramReader r = new DatagramReader(body);
    int type = r.readU16();
    var codec = Protocol2003.clientBound(type).orElseThrow(() -> new AssertionError(
        "message type " + type + " the 2003 client cannot read"));
    try {
      ClientBound m = codec.readAll(r);
      if (m instanceof GoGetLost g) {
        throw new AssertionError("GO_GET_LOST " + g);
      }
      return m;
    } catch (DatagramFormatException e) {
      throw new AssertionError("malformed " + ClientMsg.nameOf(type) + " (the client's reader"
          + " raises): " + e.getMessage(), e);
    }
  }

  private ClientBound next(String waitingFor) {
    Optional<byte[]> body;
    try {
      body = conn.receive(STEP_TIMEOUT);
    } catch (LinkClosedException e) {
      throw new AssertionError("the server closed the connection while the client waited for "
          + waitingFor, e);
    }
    return decode(body.orElseThrow(() -> new AssertionError("no " + waitingFor + " within "
        + STEP_TIMEOUT + "; unexpected so far: " + unexpected)));
  }

  private <M extends ClientBound> M await(Class<M> type, String name, Predicate<M> match,
      java.util.function.Function<ClientBound, Boolean> others) {
    while (true) {
      ClientBound m = next(name);
      if (type.isInstance(m) && match.test(type.cast(m))) {
        return type.cast(m);
      }
      if (!others.apply(m)) {
        unexpected.add(m.toString());
      }
    }
  }

  /** SERVER_UP / SERVER_DOWN, taken in almost every state. */
  private boolean shardNews(ClientBound m) {
    if (m instanceof ServerUp u) {
      shards.put(u.shardId(), new Shard(u.shardId(), u.name(), 0, true));
      return true;
    }
    if (m instanceof ServerDown d) {
      Shard s = shards.get(d.shardId());
      if (s != null) {
        shards.put(d.shardId(), new Shard(s.id(), s.name(), s.population(), false));
      }
      return true;
    }
    return false;
  }

  /** 11, 53 and 54 (and the shard news): what waitOnEnterResponses takes. */
  private boolean friendNews(ClientBound m) {
    if (m instanceof GetFriendListResp f) {
      if (f.error() == 0) {
        friends.clear();
        for (GetFriendListResp.Friend e : f.friends()) {
          friends.put(e.avatarId(), e);
        }
      }
      return true;
    }
    if (m instanceof FriendOnline o) {
      onlineFriends.add(o.avatarId());
      return true;
    }
    if (m instanceof FriendOffline o) {
      onlineFriends.remove(o.avatarId());
      return true;
    }
    return shardNews(m);
  }

  /** handlePlayGame: applies everything the game states apply. */
  private void playGame(ClientBound m) {
    if (m instanceof CreateObjectRequired || m instanceof CreateObjectRequiredOther) {
      generate(m);
    } else if (m instanceof ObjectUpdateField u) {
      Held h = objects.get(u.doId());
      DcClass cls = h != null ? dc.dclass(h.className())
          : u.doId() == avatarId ? dc.dclass("DistributedToon") : null;
      if (cls != null) {
        u.value(cls); // the client's reader: a field the class lacks is fatal
      }
      updates.add(u);
    } else if (m instanceof ObjectDisableResp d) {
      if (d.doId() == avatarId) {
        throw new AssertionError("the server disabled the client's own toon");
      }
      objects.remove(d.doId());
      disabledNow.add(d.doId());
    } else if (m instanceof ObjectDeleteResp d) {
      if (d.doId() == avatarId) {
        throw new AssertionError("the server deleted the client's own toon");
      }
      objects.remove(d.doId());
      deletedNow.add(d.doId());
    } else if (m instanceof GetStateResp || m instanceof DoneSetZoneResp) {
      return; // read and ignored in play
    } else if (!friendNews(m)) {
      unexpected.add(m.toString());
    }
  }

  private DcClass requireClass(int classNumber, ClientBound m) {
    DcClass cls = dc.classByNumber(classNumber);
    if (cls == null) {
      throw new AssertionError("a generate of class number " + classNumber + ", which the"
          + " client's DC file lacks (KeyError in the client): " + m);
    }
    return cls;
  }

  private Held generate(ClientBound m) {
    int classNumber;
    long doId;
    DcClass cls;
    List<DcFieldValue> values;
    try {
      if (m instanceof CreateObjectRequired c) {
        classNumber = c.classNumber();
        doId = c.doId();
        cls = requireClass(classNumber, m);
        values = c.fields(cls);
      } else {
        CreateObjectRequiredOther c = (CreateObjectRequiredOther) m;
        classNumber = c.classNumber();
        doId = c.doId();
        cls = requireClass(classNumber, m);
        values = c.fields(cls);
      }
    } catch (AssertionError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AssertionError("a generate the client cannot build (" + e.getMessage() + "): "
          + m, e);
    }
    if (doId == avatarId) {
      throw new AssertionError("the server generated the client's own toon " + doId);
    }
    Held before = objects.get(doId);
    if (before != null && NEVER_DISABLE.contains(before.className())) {
      // The client regenerates a live object in place; a manager's generate() deletes the
      // instance its repository registered, which is this very object (protocol-2003.md §3.5).
      throw new AssertionError("a second generate of " + before.className() + " " + doId
          + ", which the client still holds");
    }
    Map<String, List<Object>> byName = new LinkedHashMap<>();
    values.forEach(v -> byName.put(v.field().name(), v.values()));
    if (cls.name().equals("DistributedTutorialInterior")) {
      // setTutorialNpcId looks the NPC up in doId2do while the room is generated.
      long npc = ((Number) byName.get("setTutorialNpcId").get(0)).longValue();
      if (!objects.containsKey(npc)) {
        throw new AssertionError("the tutorial room " + doId + " names NPC " + npc + ", which"
            + " the client does not hold yet (KeyError in setTutorialNpcId)");
      }
    }
    Held h = new Held(doId, cls.name());
    objects.put(doId, h);
    generatedFields.put(doId, byName);
    generatedNow.add(doId);
    return h;
  }
}
