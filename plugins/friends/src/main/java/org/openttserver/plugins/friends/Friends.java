package org.openttserver.plugins.friends;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.FriendOffline;
import org.openttserver.api.protocol.FriendOnline;
import org.openttserver.api.protocol.GetFriendList;
import org.openttserver.api.protocol.GetFriendListResp;
import org.openttserver.api.protocol.RemoveFriend;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.api.session.ClientProtocolException;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;
import org.slf4j.Logger;

/**
 * Who is in the world with which friends, the friend messages of the 2003 client
 * (GET_FRIEND_LIST, REMOVE_FRIEND), FRIEND_ONLINE / FRIEND_OFFLINE, and the {@link
 * FriendDirectory} service over {@link FriendLists}.
 *
 * <p>The index of toons in the world is fed by the avatars plugin's presence events (enter after
 * the toon's 15, leave on SET_AVATAR(0), another SET_AVATAR, delete, every disconnect and a
 * re-login) and holds, per toon, the list its client knows: ONLINE / OFFLINE of toon X go to
 * every toon in the world whose list holds X. Changed on the extension's executor; read from
 * any thread.
 *
 * <p>Every friend's toon is declared to the client agent for the session
 * (CLIENTAGENT_DECLARE_OBJECT, as DistributedToon) when the list is read or sent, when a friend
 * comes online, and when a pair is added; it is undeclared when the pair ends and when the toon
 * leaves the world (the connection may play another toon next). So the client's
 * {@code sendToId} fields to a friend it does not see (whispers, teleport queries,
 * {@code friendsNotify}, protocol-2003.md §4.4) are accepted by the client agent and routed to
 * the friend's toon, whose state server passes these {@code p2p} fields to its owner; a friend
 * not in the world has no toon in memory, and the update is dropped.
 */
final class Friends implements FriendDirectory {
  /** The toon a session plays, as this plugin saw it enter. */
  static final SessionKey<Long> PLAYING = SessionKey.of("friends.playing", Long.class);
  /** Set once the connection's disconnect post-remove is added. */
  static final SessionKey<Boolean> DISCONNECT_ANNOUNCED =
      SessionKey.of("friends.disconnect-announced", Boolean.class);
  /** friendsNotify status: "%s is now your secret friend!". */
  static final int NOTIFY_SECRET = 2;
  /** GET_FRIEND_LIST_RESP's error for a client with no toon in the world. */
  static final int LIST_ERROR = 1;

  /** A toon in the world. */
  static final class InWorld {
    final ClientSession session;
    /** The ids on its list as its client knows them; null until first read. */
    volatile Set<Long> friends;
    /**
     * Toons in the world that could not be judged when this one entered (neither list read
     * yet): told ONLINE once this one's list is read, if it lists them.
     */
    final Map<Long, InWorld> undecided = new ConcurrentHashMap<>();

    InWorld(ClientSession session) {
      this.session = session;
    }
  }

  private final Map<Long, InWorld> online = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<Optional<AvatarInfo>>> lookUps =
      new ConcurrentHashMap<>();
  private final FriendLists lists;
  private final Supplier<Optional<AvatarDirectory>> avatars;
  private final DcClass toon;
  private final Executor executor;
  private final long extensionChannel;
  private final Logger log;

  /**
   * @param lists the lists; its {@code inWorld} predicate must be {@link #inWorld}
   * @param avatars finds the avatars plugin's directory (names and DNA)
   * @param toon DistributedToon
   * @param executor the extension's executor
   * @param extensionChannel where the post-remove of a vanished client agent goes
   */
  Friends(FriendLists lists, Supplier<Optional<AvatarDirectory>> avatars, DcClass toon,
      Executor executor, long extensionChannel, Logger log) {
    this.lists = lists;
    this.avatars = avatars;
    this.toon = toon;
    this.executor = executor;
    this.extensionChannel = extensionChannel;
    this.log = log;
    lists.onChange(this::listChanged);
  }

  /** {@return whether a toon is in the world (entered and not left)} */
  boolean inWorld(long avatarId) {
    return online.containsKey(avatarId);
  }

  // --------------------------------------------------------------------- enter and leave

  /**
   * A toon entered the world: its friends in the world are told (53), its list is brought in
   * line with the database's and remembered.
   *
   * <p>The client agent routes a session's post-removes when the client goes, and the message
   * director routes them when the client agent itself goes: the one added here is a
   * CLIENTAGENT_EXTENSION_DISCONNECTED (1302) for this connection, so a client agent that
   * vanishes still ends the session (and the avatars plugin's leave, and this plugin's 54s).
   * After an ordinary disconnect it arrives as a second 1302, which the runtime ignores.
   */
  void entered(ClientSession s, long avatarId) {
    InWorld me = new InWorld(s);
    InWorld before = online.put(avatarId, me);
    if (before != null && before.session != s) {
      log.warn("friends: toon {} entered on {} while still in the world on {}", avatarId, s,
          before.session);
    }
    s.set(PLAYING, avatarId);
    if (s.get(DISCONNECT_ANNOUNCED).isEmpty()) { // once per connection
      s.set(DISCONNECT_ANNOUNCED, Boolean.TRUE);
      s.addPostRemove(Datagram.of(Datagram.header(extensionChannel, extensionChannel,
              AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED)
          .channel(s.connectionChannel()).channel(0).u16(0)
          .string("the client agent went away")));
    }
    tell(avatarId, me, new FriendOnline(avatarId));
    lists.reconcile(avatarId).whenCompleteAsync((list, e) -> {
      if (e != null) {
        log.warn("friends: could not read the list of toon {} as it entered: {}", avatarId,
            FriendLists.cause(e).toString());
        return;
      }
      if (online.get(avatarId) == me && me.friends == null) {
        me.friends = ids(list);
        declare(s, me.friends);
        me.undecided.forEach((id, other) -> {
          if (me.friends.contains(id) && online.get(id) == other
              && other.session.isConnected()) {
            other.session.declareObject(avatarId, toon);
            other.session.send(new FriendOnline(avatarId));
          }
        });
      }
      me.undecided.clear();
    }, executor);
  }

  /** A toon left the world: its friends in the world are told (54). */
  void left(ClientSession s, long avatarId) {
    InWorld me = online.get(avatarId);
    if (me == null || me.session != s) {
      return;
    }
    online.remove(avatarId, me);
    if (s.get(PLAYING).map(id -> id == avatarId).orElse(false)) {
      s.set(PLAYING, null);
    }
    tell(avatarId, me, new FriendOffline(avatarId));
    Set<Long> declared = me.friends;
    if (declared != null && s.isConnected()) { // the connection may play another toon next
      declared.forEach(s::undeclareObject);
    }
  }

  /**
   * Sends {@code message} about {@code avatarId} to every toon in the world that lists it. A toon
   * whose list is not read yet (it entered a moment ago) is judged by {@code me}'s list instead,
   * if that one is read: the lists of a pair agree.
   */
  private void tell(long avatarId, InWorld me,
      org.openttserver.api.protocol.ClientBound message) {
    Set<Long> mine = me.friends;
    for (Map.Entry<Long, InWorld> e : online.entrySet()) {
      InWorld other = e.getValue();
      Set<Long> theirs = other.friends;
      boolean lists = theirs != null ? theirs.contains(avatarId)
          : mine != null && mine.contains(e.getKey());
      if (theirs == null && mine == null && message instanceof FriendOnline
          && e.getKey() != avatarId) {
        me.undecided.put(e.getKey(), other); // judged once my list is read
      }
      if (e.getKey() != avatarId && lists && other.session.isConnected()) {
        if (message instanceof FriendOnline) { // declared again: a delete in view undeclares
          other.session.declareObject(avatarId, toon);
        }
        other.session.send(message);
      }
    }
  }

  private void listChanged(long avatarId, List<Friend> list) {
    InWorld w = online.get(avatarId);
    if (w != null) {
      Set<Long> before = w.friends;
      Set<Long> now = ids(list);
      w.friends = now;
      if (w.session.isConnected()) {
        for (long id : now) {
          if (before == null || !before.contains(id)) {
            w.session.declareObject(id, toon);
          }
        }
        if (before != null) {
          for (long id : before) {
            if (!now.contains(id)) {
              w.session.undeclareObject(id);
            }
          }
        }
      }
    }
  }

  /** Lets a session's client address its friends' toons (see the class comment). */
  private void declare(ClientSession s, Iterable<Long> friendIds) {
    if (s.isConnected()) {
      for (long id : friendIds) {
        s.declareObject(id, toon);
      }
    }
  }

  private static Set<Long> ids(List<Friend> list) {
    Set<Long> out = new HashSet<>();
    list.forEach(f -> out.add(f.friendId()));
    return Set.copyOf(out);
  }

  // ----------------------------------------------------------------------- client messages

  /**
   * GET_FRIEND_LIST (10): the toon's list with each friend's name and DNA (11), friends that no
   * longer exist left out (and taken off the list), then FRIEND_ONLINE (53) for each friend in
   * the world. A client without a toon in the world gets 11 with error 1 (the client only sets
   * a flag on it), and so does one whose list cannot be read now (the database or the DB-state
   * server not answering, start-up recovery of the journal failing): the session goes on.
   */
  CompletionStage<?> getFriendList(ClientSession s, GetFriendList m) {
    Long me = s.get(PLAYING).orElse(null);
    if (me == null) {
      s.send(new GetFriendListResp(LIST_ERROR, List.of()));
      return null;
    }
    Optional<AvatarDirectory> dir = avatars.get();
    return lists.readRecovered(me).thenCompose(found -> {
      List<Friend> list = found.orElse(List.of());
      List<CompletableFuture<Optional<AvatarInfo>>> infos = new ArrayList<>();
      for (Friend f : list) {
        infos.add(dir.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
            : lookUp(dir.get(), f.friendId())
                .exceptionally(e -> null)); // no answer: left out this time, not pruned
      }
      return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new))
          .thenApplyAsync(x -> {
            List<GetFriendListResp.Friend> out = new ArrayList<>();
            List<Long> shown = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
              Optional<AvatarInfo> info = infos.get(i).join();
              long id = list.get(i).friendId();
              if (info == null) {
                continue;
              }
              if (info.isEmpty()) {
                if (dir.isPresent()) {
                  prune(me, id);
                }
                continue;
              }
              out.add(new GetFriendListResp.Friend(id, info.get().name(), info.get().dna()));
              shown.add(id);
            }
            InWorld w = online.get(me);
            if (w != null && w.session == s) {
              w.friends = ids(list);
            }
            if (!s.isConnected()) {
              return null;
            }
            declare(s, shown);
            s.send(new GetFriendListResp(0, out));
            for (long id : shown) {
              if (online.containsKey(id)) {
                s.send(new FriendOnline(id));
              }
            }
            return null;
          }, executor);
    }).exceptionally(e -> {
      log.warn("friends: could not answer the friend list of toon {}: {}", me,
          FriendLists.cause(e).toString());
      if (s.isConnected()) {
        s.send(new GetFriendListResp(LIST_ERROR, List.of()));
      }
      return null;
    });
  }

  /**
   * One avatar's name and DNA. Requests for the same avatar while one is in flight share its
   * answer (many friends asking at once, e.g. after a district restart, often list the same
   * toons); nothing is kept once it is answered, so a rename is seen by the next request.
   */
  private CompletableFuture<Optional<AvatarInfo>> lookUp(AvatarDirectory dir, long id) {
    CompletableFuture<Optional<AvatarInfo>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<AvatarInfo>> running = lookUps.putIfAbsent(id, mine);
    if (running != null) {
      return running;
    }
    dir.avatar(id).whenComplete((info, e) -> {
      lookUps.remove(id, mine);
      if (e != null) {
        mine.completeExceptionally(e);
      } else {
        mine.complete(info);
      }
    });
    return mine;
  }

  private void prune(long me, long gone) {
    log.info("friends: toon {} lists {}, which is no toon; taking it off", me, gone);
    lists.remove(me, gone).whenComplete((r, e) -> {
      if (e != null) {
        log.warn("friends: could not take {} off the list of {}: {}", gone, me,
            FriendLists.cause(e).toString());
      }
    });
  }

  /**
   * REMOVE_FRIEND (56): the pair ends on both sides; the other toon, if in the world, gets its
   * new list (a field update from the DB-state server). Its {@code friendsNotify(remover, 1)} is
   * the remover's client's own: it sends it to the other toon (sendToId) just before 56, and
   * the client agent routes it there because the friend's toon is declared to the session. The
   * client sends 56 only in the world, so without a toon it is ejected; removing oneself is
   * ejected too. An id that is no friend (already removed, or unknown) changes nothing. A
   * removal that fails on the server's side (database or DB-state server not answering) is
   * logged and the session goes on: the journal finishes it before the pair's next change, or
   * at the next start.
   */
  CompletionStage<?> removeFriend(ClientSession s, RemoveFriend m) {
    Long me = s.get(PLAYING).orElse(null);
    if (me == null) {
      throw new ClientProtocolException(BootCode.NOT_IN_GAME,
          "REMOVE_FRIEND without a toon in the world");
    }
    long other = m.avatarId();
    if (other == me) {
      throw new ClientProtocolException(BootCode.GENERIC, "REMOVE_FRIEND of the own toon");
    }
    return lists.remove(me, other).handle((r, e) -> {
      if (e != null) {
        log.warn("friends: toon {} removing {} failed (once journalled, it is finished before "
            + "the pair's next change or at the next start): {}", me, other,
            FriendLists.cause(e).toString());
      } else if (r != PairResult.DONE) {
        log.info("friends: toon {} removed {}, which it was not friends with ({})", me, other,
            r);
      }
      return null;
    });
  }

  // ------------------------------------------------------------------------------ service

  @Override
  public CompletionStage<OptionalInt> flags(long avatarId, long friendId) {
    return lists.readRecovered(avatarId).thenApply(l -> l
        .map(x -> FriendLists.flagsOf(x, friendId)).orElse(OptionalInt.empty()));
  }

  @Override
  public CompletionStage<List<Friend>> friendsOf(long avatarId) {
    return lists.readRecovered(avatarId).thenApply(l -> l.orElse(List.of()));
  }

  @Override
  public CompletionStage<List<Long>> onlineFriends(long avatarId) {
    return friendsOf(avatarId).thenApply(l -> l.stream().map(Friend::friendId)
        .filter(online::containsKey).toList());
  }

  @Override
  public CompletionStage<PairResult> addPair(long a, long b, int flags) {
    return lists.add(a, b, flags);
  }

  @Override
  public CompletionStage<PairResult> removePair(long a, long b) {
    return lists.remove(a, b);
  }

  @Override
  public CompletionStage<PairResult> setFlags(long a, long b, int flags) {
    return lists.setFlags(a, b, flags);
  }
}
