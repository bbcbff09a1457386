package org.openttserver.runtime.database;

/** Told how long the database's requests and commits take (for metrics); called on its writer. */
public interface DbObserver {
  /** Observes nothing. */
  DbObserver NONE = new DbObserver() {
    @Override
    public void request(int msgType, long nanos) {}

    @Override
    public void commit(int requests, long nanos) {}
  };

  /**
   * One request handled (its commit comes later, shared with its batch).
   *
   * @param msgType the DBSERVER_* message type
   * @param nanos how long handling it took
   */
  void request(int msgType, long nanos);

  /**
   * One transaction committed.
   *
   * @param requests how many requests it held
   * @param nanos how long the commit took
   */
  void commit(int requests, long nanos);
}
