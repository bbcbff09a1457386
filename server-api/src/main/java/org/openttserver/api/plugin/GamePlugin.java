package org.openttserver.api.plugin;

import org.pf4j.Plugin;

/**
 * The base class of every OpenTTServer plugin.
 *
 * <p>A plugin jar names its subclass in the manifest ({@code Plugin-Class}) and gives it a public
 * constructor taking a {@link PluginContext}. In {@link #start()} it registers handlers through the
 * context; everything registered that way is removed when the plugin stops. A plugin disabled in
 * the configuration is never instantiated.
 *
 * @since 0.1
 */
public abstract class GamePlugin extends Plugin {
  private final PluginContext context;

  /**
   * Creates the plugin.
   *
   * @param context what the server gives this plugin
   */
  protected GamePlugin(PluginContext context) {
    this.context = context;
  }

  /** {@return what the server gives this plugin} */
  protected final PluginContext context() {
    return context;
  }
}
