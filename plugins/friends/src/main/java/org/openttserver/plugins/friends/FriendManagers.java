package org.openttserver.plugins.friends;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.bridge.LiveObjects;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dna.Zones;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.session.ClientSession;
import org.slf4j.Logger;

/**
 * Serves the FriendManager objects of the districts: each AI makes one in its district's zone 2
 * with this extension's channel as the object's AI (the base AI's {@code ai.friends_channel}), so
 * the state server forwards the clients' FriendManager requests here, and {@link Invitations}
 * decides. Answers to a client go on the FriendManager of its own district (the one its client
 * holds), as field updates through the client's session; notices on a toon go on the toon.
 *
 * <p>FriendManagers are learnt from the state server's ENTER_AI when an AI makes one (its parent
 * is its district), and otherwise by asking the district's zone 2 (one query per district at a
 * time, asked again after a failure). Everything runs on the extension's executor.
 */
final class FriendManagers {
  static final String CLASS = "FriendManager";

  private final LiveObjects live;
  private final DcClass managerClass;
  private final DcClass toonClass;
  private final Supplier<Optional<AvatarPresence>> presence;
  private final Supplier<Optional<DistrictDirectory>> districts;
  private final Executor executor;
  private final Logger log;
  /** District → its FriendManager. */
  private final Map<Long, Long> byDistrict = new HashMap<>();
  /** Zone-2 lookups in flight, by district (one at a time). */
  private final Map<Long, CompletableFuture<Long>> lookups = new HashMap<>();
  private Invitations invitations;
  private Registration watch;

  FriendManagers(LiveObjects live, DcClass managerClass, DcClass toonClass,
      Supplier<Optional<AvatarPresence>> presence,
      Supplier<Optional<DistrictDirectory>> districts, Executor executor, Logger log) {
    this.live = live;
    this.managerClass = managerClass;
    this.toonClass = toonClass;
    this.presence = presence;
    this.districts = districts;
    this.executor = executor;
    this.log = log;
  }

  /**
   * Starts serving: watches the extension channel, where the state server forwards the requests.
   *
   * @param invitations the logic
   * @param channel the extension channel
   */
  void start(Invitations invitations, long channel) {
    this.invitations = invitations;
    watch = live.events(channel, this::on);
  }

  void stop() {
    if (watch != null) {
      watch.close();
    }
  }

  /** Where {@link Invitations} sends its decisions; delivered on the extension's executor. */
  void deliver(Invitations.Send send) {
    executor.execute(() -> send(send));
  }

  /** The toon left the world: its open queries end. */
  void left(ClientSession session, long avatarId) {
    if (invitations != null) {
      invitations.left(avatarId);
    }
  }

  void on(ObjectEvent event) {
    if (event instanceof ObjectEvent.Entered e && e.object().dclass() == managerClass) {
      byDistrict.put(e.object().parent(), e.object().doId());
    } else if (event instanceof ObjectEvent.Deleted d) {
      byDistrict.values().remove(d.doId());
    } else if (event instanceof ObjectEvent.FieldsChanged f
        && f.values().dclass() == managerClass) {
      request(f);
    }
  }

  /** One request of a client on a FriendManager: sender is the client's (account << 32 | toon). */
  private void request(ObjectEvent.FieldsChanged f) {
    long avatarId = f.sender() & 0xFFFF_FFFFL;
    long accountId = f.sender() >>> 32;
    Optional<ClientSession> session = presence.get().flatMap(p -> p.sessionOf(avatarId));
    if (session.isEmpty() || session.get().clientId() != f.sender()) {
      log.info("friends: FriendManager request from {} with no toon of it in the world;"
          + " ignored", f.sender());
      return;
    }
    ClientSession s = session.get();
    // Which FriendManager serves a district is learnt from the state server only (its ENTER_AI,
    // or the district's zone 2), never from a request: one sent just before a SET_SHARD arrives
    // after it, on the old district's FriendManager.
    for (String field : f.values().names()) {
      List<Object> a = f.values().get(field);
      CompletionStage<Invitations.Outcome> outcome = switch (field) {
        case "friendQuery" -> invitations.friendQuery(avatarId, num(a, 0));
        case "cancelFriendQuery" -> invitations.cancelFriendQuery(avatarId, (int) num(a, 0));
        case "inviteeFriendConsidering" ->
            invitations.inviteeFriendConsidering(avatarId, (int) num(a, 0), (int) num(a, 1));
        case "inviteeFriendResponse" ->
            invitations.inviteeFriendResponse(avatarId, (int) num(a, 0), (int) num(a, 1));
        case "inviteeAcknowledgeCancel" ->
            invitations.inviteeAcknowledgeCancel(avatarId, (int) num(a, 0));
        case "requestSecret" -> invitations.requestSecret(avatarId, accountId);
        case "submitSecret" -> invitations.submitSecret(avatarId, accountId, (String) a.get(0));
        default -> {
          log.info("friends: FriendManager.{} from toon {} is not a request; ignored", field,
              avatarId);
          yield CompletableFuture.completedFuture(Invitations.Outcome.STALE);
        }
      };
      outcome.whenCompleteAsync((o, err) -> {
        if (err != null) {
          log.warn("friends: FriendManager.{} from toon {} failed: {}", field, avatarId,
              err.toString());
        } else if (o == Invitations.Outcome.FORGED && s.isConnected()) {
          s.eject(BootCode.GENERIC, "FriendManager." + field + ": a context or answer this"
              + " client was never given");
        }
      }, executor);
    }
  }

  private static long num(List<Object> args, int i) {
    return ((Number) args.get(i)).longValue();
  }

  private OptionalLong districtOf(ClientSession s) {
    return districts.get().map(d -> d.districtOf(s)).orElse(OptionalLong.empty());
  }

  private void send(Invitations.Send send) {
    Optional<ClientSession> session = presence.get().flatMap(p -> p.sessionOf(send.avatarId()));
    if (session.isEmpty() || !session.get().isConnected()) {
      return; // gone meanwhile: nothing to tell
    }
    ClientSession s = session.get();
    Object[] args = send.args().toArray();
    if (send.target() == Invitations.Target.AVATAR) {
      s.send(ObjectUpdateField.of(send.avatarId(), toonClass, send.field(), args));
      return;
    }
    OptionalLong district = districtOf(s);
    if (district.isEmpty()) {
      log.info("friends: toon {} is in no district; FriendManager.{} not sent",
          send.avatarId(), send.field());
      return;
    }
    managerOf(district.getAsLong()).whenCompleteAsync((fm, err) -> {
      if (err != null || fm == null) {
        log.warn("friends: district {} has no FriendManager; FriendManager.{} for toon {} not"
            + " sent", district.getAsLong(), send.field(), send.avatarId());
      } else if (s.isConnected()) {
        s.send(ObjectUpdateField.of(fm, managerClass, send.field(), args));
      }
    }, executor);
  }

  /** The FriendManager of a district: known, or asked of the district's zone 2. */
  private CompletableFuture<Long> managerOf(long district) {
    Long known = byDistrict.get(district);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    CompletableFuture<Long> asking = lookups.get(district);
    if (asking != null) {
      return asking;
    }
    CompletableFuture<Long> lookup = live.zoneObjects(district, Zones.UBER_ZONE)
        .thenApplyAsync(objects -> {
          for (LiveObject o : objects) {
            if (o.dclass() == managerClass) {
              byDistrict.put(district, o.doId());
              return o.doId();
            }
          }
          return (Long) null;
        }, executor);
    lookups.put(district, lookup);
    lookup.whenCompleteAsync((fm, err) -> lookups.remove(district), executor);
    return lookup;
  }
}
