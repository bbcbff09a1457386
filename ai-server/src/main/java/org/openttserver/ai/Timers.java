package org.openttserver.ai;

/** Runs something later on the AI's executor (door movements, grace periods). */
@FunctionalInterface
interface Timers {
  /**
   * Runs a task once after a delay, on the participant's executor.
   *
   * @param millis the delay
   * @param task what to run
   */
  void after(long millis, Runnable task);
}
