package org.openttserver.plugins.friends;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A hook for the kill -9 tests, off unless a system property turns it on (never in production
 * configurations).
 */
final class TestHooks {
  /**
   * Milliseconds every pair change waits after its journal line and between its two sides, so
   * that a kill -9 lands inside changes (0, the default, waits not at all).
   */
  static final String PAUSE_BETWEEN_SIDES_MS = "openttserver.friends.test.pause_between_sides_ms";

  private static final long PAUSE = Long.getLong(PAUSE_BETWEEN_SIDES_MS, 0);

  private TestHooks() {}

  static CompletableFuture<Void> betweenSides(long seq) {
    if (PAUSE <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(() -> { },
        CompletableFuture.delayedExecutor(PAUSE, TimeUnit.MILLISECONDS));
  }
}
