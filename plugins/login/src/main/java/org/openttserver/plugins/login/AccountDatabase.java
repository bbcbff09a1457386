package org.openttserver.plugins.login;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openttserver.api.bridge.BridgeException;
import org.openttserver.api.bridge.DatabaseObjects;
import org.openttserver.api.bridge.NoSuchObjectException;
import org.openttserver.api.bridge.RefusedException;
import org.openttserver.api.dc.DcFile;

/** Accounts as {@code OpenTTAccount} objects of the database role, through the bridge. */
final class AccountDatabase {
  private final DatabaseObjects db;
  private final AccountCodec codec;

  AccountDatabase(DatabaseObjects db, DcFile dc) {
    this.db = db;
    this.codec = new AccountCodec(dc);
  }

  /** Creates the object; completes with its doId, or fails if the database refused. */
  CompletableFuture<Long> create(Account account) {
    return db.create(codec.dclass(), codec.allValues(account)).exceptionallyCompose(e -> {
      Throwable cause = BridgeException.unwrap(e);
      return CompletableFuture.failedFuture(cause instanceof RefusedException
          ? new IllegalStateException("the database refused to create the account", cause)
          : cause);
    });
  }

  /** Loads an account; empty if the object does not exist or is not an account. */
  CompletableFuture<Optional<Account>> load(long doId) {
    return db.getAll(doId).handle((o, e) -> {
      if (e != null) {
        Throwable cause = BridgeException.unwrap(e);
        if (cause instanceof NoSuchObjectException) {
          return Optional.<Account>empty();
        }
        throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
      }
      return o.dclass() == codec.dclass() ? Optional.of(codec.read(doId, o.fields()))
          : Optional.<Account>empty();
    });
  }

  /** Changes some fields (no reply: the database applies updates in arrival order). */
  void update(long doId, Map<String, Object> values) {
    db.set(doId, codec.someValues(values));
  }

  /**
   * Deletes an object (an account object no name points at).
   *
   * @return completes once the delete is sent; a later request's answer means it is done
   */
  CompletableFuture<Void> delete(long doId) {
    return db.delete(doId);
  }

  /**
   * Lists account objects a page at a time; only our embedded database answers (fails with
   * {@link org.openttserver.api.bridge.NoReplyException} on Astron's).
   */
  CompletableFuture<List<Long>> list(long afterDoId, int max) {
    return db.list(codec.dclass(), afterDoId, max);
  }
}
