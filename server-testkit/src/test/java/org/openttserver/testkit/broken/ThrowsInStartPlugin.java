package org.openttserver.testkit.broken;

import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.session.Access;

/** Claims a type, then fails in start() with a bug (not a refusal of its configuration). */
public final class ThrowsInStartPlugin extends GamePlugin {
  /** The type it claims before failing: released again when it is marked failed. */
  public static final int TYPE = 240;

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
}
