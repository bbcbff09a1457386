package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.bridge.ConditionalResult;
import org.openttserver.api.bridge.DatabaseObjects;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.NoReplyException;
import org.openttserver.api.bridge.RefusedException;
import org.openttserver.api.bridge.StoredObject;
import org.openttserver.api.dc.DcClass;
import org.openttserver.testclient.fakes.FakeCluster;
import org.slf4j.LoggerFactory;

/**
 * Account creation reserves the name before the database makes the object, and the start-up
 * recovery removes an object a crash left between the two (fake database, real name index).
 */
class AccountCreationTest {
  @TempDir Path dir;
  private FakeCluster cluster;
  private NameIndex index;
  private ExecutorService work;
  /** What the database does with a create, instead of making the object. */
  private Function<DatabaseObjects, CompletableFuture<Long>> createHook;
  /** Whether the database answers list requests (ours) or not (Astron's). */
  private boolean lists = true;
  private int listCalls;
  private AccountDatabase db;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new FakeCluster();
    index = new NameIndex(dir);
    work = Executors.newFixedThreadPool(2);
    db = new AccountDatabase(new Db(), cluster.dc);
  }

  @AfterEach
  void tearDown() throws Exception {
    work.shutdownNow();
    index.close();
  }

  private Accounts accounts() {
    return new Accounts(db, index, new PasswordHasher(1024, 1), work, LoginConfig.defaults(),
        System::currentTimeMillis);
  }

  private static Account account(String name) {
    return new Account(0, name, "", 0, true, 1, Account.BAN_NONE, "", 0, 0, 0);
  }

  private long objectOf(String name) throws Exception {
    return db.create(account(name)).get(5, TimeUnit.SECONDS);
  }

  @Test
  void create_whileDatabaseMakesTheObject_thenNameAlreadyReserved() throws Exception {
    createHook = real -> {
      try {
        // a crash now leaves the reservation behind, which the next start resolves
        assertThat(index.reserved()).containsExactly("Flippy");
        assertThat(index.reserve("FLIPPY")).isFalse();
      } catch (java.sql.SQLException e) {
        throw new AssertionError(e);
      }
      return null;
    };
    Accounts.Result<Accounts.Created> r = accounts().create("Flippy", "secret1")
        .get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(Accounts.Created.OK);
    assertThat(index.reserved()).isEmpty();
    assertThat(index.find("flippy")).isEqualTo(OptionalLong.of(r.account().doId()));
  }

  @Test
  void create_whenDatabaseRefuses_thenNameFreeAgain() throws Exception {
    createHook = real -> CompletableFuture.failedFuture(new RefusedException("no"));
    assertThat(accounts().create("Refused1", "secret1")).failsWithin(10, TimeUnit.SECONDS);
    assertThat(index.reserved()).isEmpty();
    assertThat(index.reserve("Refused1")).isTrue();
  }

  @Test
  void create_whenDatabaseDoesNotAnswer_thenNameStaysReservedForRecovery() throws Exception {
    createHook = real -> CompletableFuture.failedFuture(new NoReplyException("late", null));
    assertThat(accounts().create("Late1", "secret1")).failsWithin(10, TimeUnit.SECONDS);
    assertThat(index.reserved()).containsExactly("Late1");
  }

  @Test
  void recovery_whenReservedNameHasAnObject_thenObjectRemovedAndNameFree() throws Exception {
    long kept = objectOf("Kept");
    index.insert("Kept", kept);
    long halfway = objectOf("Halfway");
    index.reserve("Halfway");
    long stranger = objectOf("Stranger"); // not in the index, not reserved
    long duplicate = objectOf("Kept");    // its name points at another object

    recover();

    assertThat(cluster.stored).containsOnlyKeys(kept, stranger);
    assertThat(index.reserved()).isEmpty();
    assertThat(index.find("Halfway")).isEmpty();
    assertThat(accounts().create("Halfway", "secret1").get(10, TimeUnit.SECONDS).status())
        .isEqualTo(Accounts.Created.OK);
    assertThat(cluster.stored).doesNotContainKeys(halfway, duplicate);
  }

  @Test
  void recovery_whenManyPages_thenEveryPageSwept() throws Exception {
    for (int i = 0; i < 2500; i++) {
      index.insert("Page" + i, objectOf("Page" + i));
    }
    long last = objectOf("Last");
    index.reserve("Last");
    recover();
    assertThat(cluster.stored).hasSize(2500).doesNotContainKey(last);
  }

  @Test
  void recovery_whenNothingReserved_thenDatabaseNotAsked() throws Exception {
    long stranger = objectOf("Stranger");
    recover();
    assertThat(listCalls).isZero();
    assertThat(cluster.stored).containsKey(stranger);
  }

  @Test
  void recovery_whenDatabaseCannotList_thenReservationsDroppedAndObjectsKept() throws Exception {
    long halfway = objectOf("Halfway");
    index.reserve("Halfway");
    lists = false;
    recover();
    assertThat(index.reserved()).isEmpty();
    assertThat(cluster.stored).containsKey(halfway);
  }

  @Test
  void create_whileRecoveryRuns_thenWaitsForIt() throws Exception {
    CompletableFuture<Void> recovery = new CompletableFuture<>();
    Accounts accounts = accounts();
    accounts.creationsAfter(recovery);
    CompletableFuture<Accounts.Result<Accounts.Created>> made =
        accounts.create("Patient", "secret1");
    assertThat(made).isNotDone();
    assertThat(index.find("Patient")).isEmpty();
    assertThat(index.reserved()).isEmpty();
    recovery.complete(null);
    assertThat(made.get(10, TimeUnit.SECONDS).status()).isEqualTo(Accounts.Created.OK);
  }

  private void recover() throws Exception {
    new CreationRecovery(db, index, work, LoggerFactory.getLogger(AccountCreationTest.class))
        .run().get(30, TimeUnit.SECONDS);
  }

  /** The fake database, with the test's hooks for create and list. */
  private final class Db implements DatabaseObjects {
    private final DatabaseObjects real = cluster.db;

    @Override
    public CompletableFuture<Long> create(DcClass dclass, FieldValues values) {
      CompletableFuture<Long> hooked = createHook == null ? null : createHook.apply(real);
      return hooked != null ? hooked : real.create(dclass, values);
    }

    @Override
    public CompletableFuture<StoredObject> getAll(long doId) {
      return real.getAll(doId);
    }

    @Override
    public CompletableFuture<FieldValues> get(long doId, DcClass dclass, String... names) {
      return real.get(doId, dclass, names);
    }

    @Override
    public CompletableFuture<Void> set(long doId, FieldValues values) {
      return real.set(doId, values);
    }

    @Override
    public CompletableFuture<ConditionalResult> setIfEquals(long doId, FieldValues expected,
        FieldValues replacement) {
      return real.setIfEquals(doId, expected, replacement);
    }

    @Override
    public CompletableFuture<ConditionalResult> setIfEmpty(long doId, FieldValues value) {
      return real.setIfEmpty(doId, value);
    }

    @Override
    public CompletableFuture<Void> delete(long doId) {
      return real.delete(doId);
    }

    @Override
    public CompletableFuture<List<Long>> list(DcClass dclass, long afterDoId, int max) {
      listCalls++;
      return lists ? real.list(dclass, afterDoId, max)
          : CompletableFuture.failedFuture(new NoReplyException("no answer", null));
    }
  }
}
