package org.openttserver.runtime.plugin;

import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.cluster.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything one plugin registered, so it can all be removed when the plugin stops. */
final class ScopedRegistrations {
  private static final Logger log = LoggerFactory.getLogger(ScopedRegistrations.class);
  private final List<Registration> registrations = new ArrayList<>();

  synchronized Registration track(Registration r) {
    registrations.add(r);
    return () -> {
      synchronized (this) {
        registrations.remove(r);
      }
      r.close();
    };
  }

  synchronized int size() {
    return registrations.size();
  }

  /** Removes everything, newest first. */
  void closeAll() {
    List<Registration> all;
    synchronized (this) {
      all = new ArrayList<>(registrations);
      registrations.clear();
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        all.get(i).close();
      } catch (RuntimeException e) {
        log.warn("removing a registration failed: {}", e.toString());
      }
    }
  }
}
