package org.openttserver.testkit.broken;

import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.session.Access;

/** Claims a type, then fails in start() with a bug (not a refusal of its configuration). */
public final class ThrowsInStartPlugin extends GamePlugin {
  /** The type it claims before failing: released again when it is marked failed. */
  public static final int TYPE = 240;
  /** Set to "true" when its stop() runs (it is loaded by the plugin's own class loader). */
  public static final String STOPPED = "openttserver.test.broken.stopped";

  /** @param context its context */
  public ThrowsInStartPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    context().clientMessages().register(TYPE, Access.ANYONE, (s, in) -> null);
    String missing = null;
    missing.length(); // a NullPointerException, as a careless plugin would throw
  }

  /** What a plugin opened before its start failed is released here. */
  @Override
  public void stop() {
    System.setProperty(STOPPED, "true");
  }
}
