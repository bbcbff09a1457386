package org.openttserver.plugins.login;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Argon2id password hashing (password4j), with a random 16-byte salt per password, on its own
 * small pool of threads ({@link #hashAsync}, {@link #verifyAsync}): hashing is made to be costly,
 * and a crowd of logins must queue for those threads rather than take every core.
 *
 * <p>Stored format: the PHC string {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt
 * base64>$<hash base64>}, so the parameters travel with each hash and can be raised later without
 * breaking old accounts. Clear passwords are never stored or logged.
 */
final class PasswordHasher {
  private static final int PARALLELISM = 1;
  private static final int OUTPUT_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private final Argon2Function function;
  private final Executor threads;

  /** A hasher that runs {@link #hashAsync} and {@link #verifyAsync} on the caller's thread. */
  PasswordHasher(int memoryKib, int iterations) {
    this(memoryKib, iterations, Runnable::run);
  }

  PasswordHasher(int memoryKib, int iterations, Executor threads) {
    this.function = Argon2Function.getInstance(memoryKib, iterations, PARALLELISM, OUTPUT_BYTES,
        Argon2.ID, 19);
    this.threads = threads;
  }

  /** {@link #hash} on the hashing threads; fails with {@link Busy} when too many wait. */
  CompletableFuture<String> hashAsync(String password) {
    return submit(() -> hash(password));
  }

  /** {@link #verify} on the hashing threads; fails with {@link Busy} when too many wait. */
  CompletableFuture<Boolean> verifyAsync(String password, String stored) {
    return submit(() -> verify(password, stored));
  }

  private <T> CompletableFuture<T> submit(java.util.function.Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, threads);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new Busy());
    }
  }

  /** Every hashing thread is busy and the queue is full. */
  static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("too many password checks at once", null, false, false);
    }
  }

  /** {@return the stored form of a password} */
  String hash(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
  }

  /** {@return true if the password matches the stored form; false for any malformed hash} */
  boolean verify(String password, String stored) {
    if (stored == null || !stored.startsWith("$argon2id$")) {
      return false;
    }
    try {
      return Password.check(password, stored).with(Argon2Function.getInstanceFromHash(stored));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
