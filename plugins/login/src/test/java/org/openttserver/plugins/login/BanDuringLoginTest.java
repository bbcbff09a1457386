package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.bridge.ClientControl;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.testclient.fakes.FakeCluster;
import org.openttserver.testclient.fakes.RecordingSession;
import org.slf4j.LoggerFactory;

/**
 * A ban made while a login is under way (the login read the account before the ban, the ban's
 * kick went to the account channel before the login listened on it) still keeps the client out.
 */
class BanDuringLoginTest {
  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
  private final List<String> ejected = new CopyOnWriteArrayList<>();
  private NameIndex index;
  private ExecutorService work;
  private Accounts accounts;
  private AccountAdministration admin;
  private SessionSetup setup;
  private long id;

  @BeforeEach
  void setUp() throws Exception {
    FakeCluster cluster = new FakeCluster();
    index = new NameIndex(dir);
    work = Executors.newFixedThreadPool(2);
    AccountDatabase db = new AccountDatabase(cluster.db, cluster.dc);
    accounts = new Accounts(db, index, new PasswordHasher(1024, 1), work,
        LoginConfig.defaults(), clock::get);
    ClientControl clients = new Clients();
    AccessLevels levels = new AccessLevels(Map.of(), dir.resolve(AccessLevels.FILE),
        LoggerFactory.getLogger("t"));
    LoginLog logins = new LoginLog(10, clock::get);
    admin = new AccountAdministration(accounts, levels, logins, clients);
    setup = new SessionSetup(clients, accounts, levels, logins);
    id = db.create(new Account(0, "Flippy", "", 0, true, 1, Account.BAN_NONE, "", 0, 0, 0))
        .get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    work.shutdownNow();
    index.close();
  }

  @Test
  void establish_whenBannedAfterTheLoginReadTheAccount_thenEjected151() throws Exception {
    Account readByLogin = accounts.byId(id).get(5, TimeUnit.SECONDS).orElseThrow();
    assertThat(admin.ban(id, "griefing", 0).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isTrue();
    assertThat(ejected).as("the kick went out before the login listened").hasSize(1);
    LoggingIn session = new LoggingIn();
    setup.establish(session, readByLogin);
    assertThat(session.ejection()).hasValueSatisfying(e -> assertThat(e).startsWith("151 ")
        .contains("griefing"));
    assertThat(session.isAuthenticated()).isFalse();
  }

  @Test
  void establish_whenBanLiftedOrEnded_thenLoggedIn() throws Exception {
    Account readByLogin = accounts.byId(id).get(5, TimeUnit.SECONDS).orElseThrow();
    admin.ban(id, "griefing", 0).toCompletableFuture().get(5, TimeUnit.SECONDS);
    admin.unban(id).toCompletableFuture().get(5, TimeUnit.SECONDS);
    LoggingIn first = new LoggingIn();
    setup.establish(first, readByLogin);
    assertThat(first.isAuthenticated()).isTrue();
    admin.ban(id, "short", clock.get() / 1000 + 60).toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    clock.addAndGet(61_000);
    LoggingIn later = new LoggingIn();
    setup.establish(later, readByLogin);
    assertThat(later.isAuthenticated()).isTrue();
  }

  @Test
  void ban_whenEndBeyond32Bits_thenRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.ban(id, "x", 0x1_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967295");
    assertThat(ejected).isEmpty();
  }

  /** A session not yet logged in. */
  private static final class LoggingIn extends RecordingSession {
    private volatile boolean authenticated;

    LoggingIn() {
      super(0, null);
    }

    @Override
    public boolean isAuthenticated() {
      return authenticated;
    }

    @Override
    public void authenticate(long accountId, String accountName) {
      authenticated = true;
    }
  }

  /** Client-agent commands: ejections recorded, the rest done. */
  private final class Clients implements ClientControl {
    @Override
    public CompletableFuture<Void> eject(long channel, int code, String reason) {
      ejected.add(channel + " " + code + " " + reason);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> send(long channel, byte[] message) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> drop(long channel) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> sendFields(long channel, long doId, FieldValues values) {
      return CompletableFuture.completedFuture(null);
    }
  }
}
