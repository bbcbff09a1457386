package org.openttserver.plugins.login;

import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;

/**
 * The built-in login plugin: accounts, the 2003 client's account server and the login messages.
 */
public final class LoginPlugin extends GamePlugin {
  /**
   * Creates the plugin.
   *
   * @param context what the server gives this plugin
   */
  public LoginPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    context().logger().info("login plugin ready");
  }
}
