package org.openttserver.plugins.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.service.AccountAdmin;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.service.Services;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.ClientSessions;
import org.openttserver.testclient.fakes.RecordingSession;

/** Small fakes of the services the admin page uses. */
final class Fakes {
  private Fakes() {}

  static final class FakeServices implements Services {
    final Map<Class<?>, Object> map = new ConcurrentHashMap<>();

    @Override
    public <T> Registration provide(Class<T> type, T implementation) {
      map.put(type, implementation);
      return () -> map.remove(type);
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
      return Optional.ofNullable(type.cast(map.get(type)));
    }
  }

  /** Accounts with passwords in memory; counts authentications. */
  static final class FakeAccounts implements AccountAdmin {
    record Stored(AccountRecord record, String password) {}

    final Map<String, Stored> byName = new ConcurrentHashMap<>();
    final AtomicInteger authentications = new AtomicInteger();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<LoginRecord> logins = new ArrayList<>();

    AccountRecord add(long id, String name, String password, int level) {
      AccountRecord r = new AccountRecord(id, name, level, false, "", 0, 0);
      byName.put(name.toLowerCase(Locale.ROOT), new Stored(r, password));
      return r;
    }

    AccountRecord get(String name) {
      return byName.get(name.toLowerCase(Locale.ROOT)).record();
    }

    @Override
    public CompletionStage<Optional<AccountRecord>> authenticate(String name, String password,
        String address) {
      authentications.incrementAndGet();
      Stored s = byName.get(name.toLowerCase(Locale.ROOT));
      return done(s != null && s.password().equals(password) ? Optional.of(s.record())
          : Optional.empty());
    }

    @Override
    public CompletionStage<Optional<AccountRecord>> byName(String name) {
      return done(Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)))
          .map(Stored::record));
    }

    @Override
    public CompletionStage<Optional<AccountRecord>> byId(long accountId) {
      return done(byName.values().stream().map(Stored::record)
          .filter(r -> r.accountId() == accountId).findFirst());
    }

    @Override
    public CompletionStage<List<AccountRecord>> search(String prefix, int max) {
      return done(byName.values().stream().map(Stored::record)
          .filter(r -> r.name().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)))
          .sorted(java.util.Comparator.comparing(AccountRecord::name)).limit(max).toList());
    }

    @Override
    public CompletionStage<Boolean> ban(long accountId, String reason, long until) {
      calls.add("ban " + accountId + " " + until + " " + reason);
      return replace(accountId, r -> new AccountRecord(r.accountId(), r.name(), r.accessLevel(),
          true, reason, until, r.lastLoginEpochSeconds()));
    }

    @Override
    public CompletionStage<Boolean> unban(long accountId) {
      calls.add("unban " + accountId);
      return replace(accountId, r -> new AccountRecord(r.accountId(), r.name(), r.accessLevel(),
          false, "", 0, r.lastLoginEpochSeconds()));
    }

    @Override
    public CompletionStage<Boolean> setAccessLevel(long accountId, int level) {
      calls.add("level " + accountId + " " + level);
      return replace(accountId, r -> new AccountRecord(r.accountId(), r.name(), level,
          r.banned(), r.banReason(), r.banUntilEpochSeconds(), r.lastLoginEpochSeconds()));
    }

    @Override
    public List<LoginRecord> logins(long since) {
      return logins.stream().filter(l -> l.atEpochMillis() >= since).toList();
    }

    private CompletionStage<Boolean> replace(long id,
        java.util.function.UnaryOperator<AccountRecord> f) {
      for (Map.Entry<String, Stored> e : byName.entrySet()) {
        if (e.getValue().record().accountId() == id) {
          e.setValue(new Stored(f.apply(e.getValue().record()), e.getValue().password()));
          return done(true);
        }
      }
      return done(false);
    }
  }

  static final class FakeReview implements NameReview {
    final Map<Long, PendingName> pending = new ConcurrentHashMap<>();
    final List<String> decided = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletionStage<List<PendingName>> pending() {
      return done(List.copyOf(pending.values()));
    }

    @Override
    public CompletionStage<Boolean> approve(long avatarId) {
      decided.add("approve " + avatarId);
      return done(pending.remove(avatarId) != null);
    }

    @Override
    public CompletionStage<Boolean> reject(long avatarId) {
      decided.add("reject " + avatarId);
      return done(pending.remove(avatarId) != null);
    }
  }

  static final class FakeSessions implements ClientSessions {
    final Map<Long, RecordingSession> byAccount = new HashMap<>();

    RecordingSession connect(long accountId, String name) {
      RecordingSession s = new RecordingSession(accountId, name);
      byAccount.put(accountId, s);
      return s;
    }

    @Override
    public Optional<ClientSession> byConnection(long connectionChannel) {
      return Optional.empty();
    }

    @Override
    public Optional<ClientSession> byAccount(long accountId) {
      return Optional.ofNullable(byAccount.get(accountId));
    }

    @Override
    public Collection<ClientSession> all() {
      return List.copyOf(byAccount.values());
    }

    @Override
    public Registration onConnect(Consumer<ClientSession> listener) {
      return () -> { };
    }

    @Override
    public Registration onDisconnect(Consumer<ClientSession> listener) {
      return () -> { };
    }
  }

  static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
