package org.openttserver.testkit.broken;

import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.session.Access;

/**
 * Claims {@link #TYPE}: a payload byte of 0 is answered with {@link #REPLY}, 1 throws, 2 blocks
 * the event loop for {@link #BLOCK_MS} ms.
 */
public final class FaultyHandlerPlugin extends GamePlugin {
  /** The type it claims. */
  public static final int TYPE = 250;
  /** Its answer. */
  public static final int REPLY = 251;
  /** How long the blocking case sleeps. */
  public static final long BLOCK_MS = 400;

  /** @param context its context */
  public FaultyHandlerPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    context().clientMessages().register(TYPE, Access.ANYONE, (session, in) -> {
      int what = in.readU8();
      if (what == 1) {
        throw new IllegalStateException("a bug in the handler");
      }
      if (what == 2) {
        try {
          Thread.sleep(BLOCK_MS); // what a handler must never do
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      session.send(REPLY, w -> w.u8(what));
      return null;
    });
  }
}
