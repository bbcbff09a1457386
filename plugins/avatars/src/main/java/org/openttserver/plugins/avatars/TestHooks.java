package org.openttserver.plugins.avatars;

import java.util.concurrent.CompletableFuture;

/**
 * Hooks for the kill -9 tests, off unless a system property turns them on (never in
 * production configurations).
 */
final class TestHooks {
  /**
   * With this system property {@code true}, every create stops after its new toon's id is
   * journalled and before the slot claim, printing {@code AVATARS_PAUSED_BEFORE_CLAIM <id>} on
   * standard output, so that a test can kill the process exactly there.
   */
  static final String PAUSE_BEFORE_CLAIM = "openttserver.avatars.test.pause_before_claim";

  private TestHooks() {}

  static CompletableFuture<Long> beforeClaim(long id) {
    if (!Boolean.getBoolean(PAUSE_BEFORE_CLAIM)) {
      return CompletableFuture.completedFuture(id);
    }
    System.out.println("AVATARS_PAUSED_BEFORE_CLAIM " + id);
    System.out.flush();
    return new CompletableFuture<>();
  }
}
