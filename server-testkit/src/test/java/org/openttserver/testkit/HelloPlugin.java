package org.openttserver.testkit;

import java.util.List;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.GetShardListResp;
import org.openttserver.api.session.Access;

/** Answers the district list with one made-up district. */
public final class HelloPlugin extends GamePlugin {
  /** The district's name. */
  static final String NAME = "Hello Valley";

  /**
   * The plugin.
   *
   * @param context its context
   */
  public HelloPlugin(PluginContext context) {
    super(context);
  }

  // tag::claim[]
  @Override
  public void start() {
    context().clientMessages().on(GetShardList.class, Access.ANYONE, (session, msg) -> {
      session.send(new GetShardListResp(List.of(
          new GetShardListResp.Shard(402000000L, NAME, 7))));
      return null; // answered at once; a handler that waits returns a CompletionStage
    });
  }
  // end::claim[]
}
