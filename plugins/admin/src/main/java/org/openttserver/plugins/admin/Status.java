package org.openttserver.plugins.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.openttserver.api.service.AccountAdmin;
import org.openttserver.api.service.AccountAdmin.AccountRecord;
import org.openttserver.api.service.AccountAdmin.LoginRecord;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.service.NameReview.PendingName;
import org.openttserver.api.service.ServerInfo;
import org.openttserver.api.service.Services;
import org.openttserver.api.service.ZoneDirectory;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.ClientSessions;

/**
 * What the pages and the API show, gathered from the services each time (a missing service
 * leaves its part out): the overview, players with their toons and logins, the name queue.
 */
final class Status {
  /** Accounts a players search shows at most. */
  static final int MAX_ACCOUNTS = 50;

  /**
   * The overview.
   *
   * @param uptimeSeconds since the server started
   * @param version the runtime's version, or "" if unknown
   * @param connected client connections
   * @param loggedIn of those, logged in
   * @param loginsLastHour logins in the last hour (-1 without the login plugin)
   * @param districts the live districts
   * @param plugins the plugins and their states
   */
  record Overview(long uptimeSeconds, String version, int connected, long loggedIn,
      int loginsLastHour, List<DistrictDirectory.District> districts,
      List<ServerInfo.PluginStatus> plugins) {}

  /**
   * One toon of a player.
   *
   * @param avatarId its id
   * @param name its name
   * @param wishName its typed name, if any
   * @param where "offline", or the district and zone it is in now
   */
  record Toon(long avatarId, String name, String wishName, String where) {}

  /**
   * One account found by a search.
   *
   * @param account the account
   * @param connected whether its client is connected now
   * @param address the connected client's address, or ""
   * @param toons its toons
   * @param logins its recent logins, newest first
   */
  record Player(AccountRecord account, boolean connected, String address, List<Toon> toons,
      List<LoginRecord> logins) {}

  /**
   * A name waiting for review.
   *
   * @param pending the name
   * @param accountName the account's name, or "" if unknown
   * @param toonName the toon's current name, or ""
   */
  record Wish(PendingName pending, String accountName, String toonName) {}

  private final Services services;
  private final ClientSessions sessions;
  private final LongSupplier clockMillis;

  Status(Services services, ClientSessions sessions, LongSupplier clockMillis) {
    this.services = services;
    this.sessions = sessions;
    this.clockMillis = clockMillis;
  }

  Overview overview() {
    long now = clockMillis.getAsLong();
    Optional<ServerInfo> info = services.find(ServerInfo.class);
    long started = info.map(ServerInfo::startedAtMillis).orElse(now);
    var all = sessions.all();
    long loggedIn = all.stream().filter(ClientSession::isAuthenticated).count();
    int logins = services.find(AccountAdmin.class)
        .map(a -> a.logins(now - 3_600_000L).size()).orElse(-1);
    return new Overview((now - started) / 1000, info.map(ServerInfo::version).orElse(""),
        all.size(), loggedIn, logins,
        services.find(DistrictDirectory.class).map(DistrictDirectory::districts).orElse(List.of()),
        info.map(ServerInfo::plugins).orElse(List.of()));
  }

  /** Accounts whose names start with the query, and the accounts of toons online so named. */
  List<Player> players(String query) {
    Optional<AccountAdmin> admin = services.find(AccountAdmin.class);
    if (admin.isEmpty()) {
      return List.of();
    }
    Map<Long, AccountRecord> found = new LinkedHashMap<>();
    for (AccountRecord a : Await.result(admin.get().search(query, MAX_ACCOUNTS))) {
      found.put(a.accountId(), a);
    }
    for (long accountId : accountsOfToonsOnline(query)) {
      if (found.size() < MAX_ACCOUNTS && !found.containsKey(accountId)) {
        Await.result(admin.get().byId(accountId)).ifPresent(a -> found.put(accountId, a));
      }
    }
    List<LoginRecord> logins = admin.get().logins(0);
    List<Player> out = new ArrayList<>();
    for (AccountRecord a : found.values()) {
      Optional<ClientSession> s = sessions.byAccount(a.accountId()).filter(ClientSession::isConnected);
      out.add(new Player(a, s.isPresent(), s.map(ClientSession::remoteAddress).orElse(""),
          toons(a.accountId()), logins.stream().filter(l -> l.accountId() == a.accountId())
              .limit(5).toList()));
    }
    return out;
  }

  private List<Long> accountsOfToonsOnline(String query) {
    Optional<AvatarPresence> presence = services.find(AvatarPresence.class);
    Optional<AvatarDirectory> avatars = services.find(AvatarDirectory.class);
    if (query.isBlank() || presence.isEmpty() || avatars.isEmpty()) {
      return List.of();
    }
    String q = query.toLowerCase(Locale.ROOT);
    List<Long> out = new ArrayList<>();
    for (ClientSession s : sessions.all()) {
      OptionalLong avatar = s.isAuthenticated() ? presence.get().activeAvatar(s)
          : OptionalLong.empty();
      if (avatar.isPresent() && Await.result(avatars.get().avatar(avatar.getAsLong()))
          .map(t -> t.name().toLowerCase(Locale.ROOT).contains(q)).orElse(false)) {
        out.add(s.accountId());
      }
    }
    return out;
  }

  private List<Toon> toons(long accountId) {
    Optional<AvatarDirectory> avatars = services.find(AvatarDirectory.class);
    if (avatars.isEmpty()) {
      return List.of();
    }
    List<Toon> out = new ArrayList<>();
    for (AvatarInfo t : Await.result(avatars.get().avatarsOf(accountId))) {
      out.add(new Toon(t.avatarId(), t.name(), t.wishName(), where(t.avatarId())));
    }
    return out;
  }

  /** {@return "offline", or where a toon is: district name and zone} */
  String where(long avatarId) {
    Optional<ClientSession> s = services.find(AvatarPresence.class)
        .flatMap(p -> p.sessionOf(avatarId));
    if (s.isEmpty()) {
      return "offline";
    }
    OptionalLong district = services.find(DistrictDirectory.class)
        .map(d -> d.districtOf(s.get())).orElse(OptionalLong.empty());
    if (district.isEmpty()) {
      return "in the world, in no district";
    }
    String name = services.find(DistrictDirectory.class)
        .flatMap(d -> d.district(district.getAsLong())).map(DistrictDirectory.District::name)
        .orElse(Long.toString(district.getAsLong()));
    OptionalInt zone = services.find(ZoneDirectory.class).map(z -> z.zoneOf(s.get()))
        .orElse(OptionalInt.empty());
    return name + (zone.isPresent() ? ", zone " + zone.getAsInt() : "");
  }

  /** {@return the names waiting for review, or null without the names plugin} */
  List<Wish> names() {
    Optional<NameReview> review = services.find(NameReview.class);
    if (review.isEmpty()) {
      return null;
    }
    Optional<AccountAdmin> admin = services.find(AccountAdmin.class);
    Optional<AvatarDirectory> avatars = services.find(AvatarDirectory.class);
    List<Wish> out = new ArrayList<>();
    for (PendingName p : Await.result(review.get().pending())) {
      String account = admin.flatMap(a -> Await.result(a.byId(p.accountId())))
          .map(AccountRecord::name).orElse("");
      String toon = avatars.flatMap(a -> Await.result(a.avatar(p.avatarId())))
          .map(AvatarInfo::name).orElse("");
      out.add(new Wish(p, account, toon));
    }
    return out;
  }
}
