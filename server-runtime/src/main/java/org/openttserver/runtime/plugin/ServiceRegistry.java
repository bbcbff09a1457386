package org.openttserver.runtime.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openttserver.api.cluster.Registration;

/** The services every plugin provides, shared by all plugins of one host; thread-safe. */
final class ServiceRegistry {
  private record Provider(String pluginId, Object implementation) {}

  private final Map<Class<?>, Provider> providers = new ConcurrentHashMap<>();

  <T> Registration provide(String pluginId, Class<T> type, T implementation) {
    if (!type.isInterface()) {
      throw new IllegalArgumentException("plugin '" + pluginId + "': a service is keyed by an "
          + "interface, not " + type.getName());
    }
    Provider mine = new Provider(pluginId, type.cast(java.util.Objects.requireNonNull(
        implementation, "plugin '" + pluginId + "': the implementation of " + type.getName())));
    Provider before = providers.putIfAbsent(type, mine);
    if (before != null) {
      throw new IllegalStateException("plugin '" + pluginId + "' cannot provide "
          + type.getName() + ": plugin '" + before.pluginId() + "' already provides it");
    }
    return () -> providers.remove(type, mine);
  }

  <T> Optional<T> find(Class<T> type) {
    Provider p = providers.get(type);
    return p == null ? Optional.empty() : Optional.of(type.cast(p.implementation()));
  }

}
