package org.openttserver.plugins.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;

/**
 * The built-in admin plugin: a web page and a JSON API on 127.0.0.1:8081 for moderators and
 * administrators (overview, players, the name review queue, kick, ban), every action in an
 * audit log. It uses the other plugins' services and shows less when one is missing.
 */
public final class AdminPlugin extends GamePlugin {
  private AdminServer server;
  private ScheduledFuture<?> purge;

  /**
   * Creates the plugin.
   *
   * @param context what the server gives this plugin
   */
  public AdminPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    PluginContext ctx = context();
    AdminConfig config = ctx.config().bind(AdminConfig.class);
    if (config.httpBind().isBlank()) {
      ctx.logger().info("admin: admin page disabled (plugins.admin.http_bind is empty)");
      return;
    }
    InetSocketAddress bind = parseBind(config.httpBind());
    try {
      server = new AdminServer(config, bind, ctx.services(), ctx.sessions(), ctx.dataDirectory(),
          ctx.logger(), System::currentTimeMillis, () -> ctx.metrics().prometheusText());
    } catch (IOException e) {
      // Not a refusal that stops the server: the game runs on without its admin page.
      throw new java.io.UncheckedIOException("admin: cannot listen on " + config.httpBind()
          + " (plugins.admin.http_bind): " + e.getMessage(), e);
    }
    InetAddress host = server.address().getAddress();
    String warning = publicWarning(server.address());
    if (warning != null) {
      ctx.logger().warn(warning);
    }
    ctx.logger().info("admin: admin page and JSON API on http://{}:{}/ (moderators from access "
        + "level {}, administrators from {})", host.getHostAddress(), server.address().getPort(),
        config.moderatorLevel(), config.adminLevel());
    purge = ctx.scheduler().scheduleAtFixedRate(server::purge, 60, 60, TimeUnit.SECONDS);
  }

  /** {@return the page's address, or null if it is off (for tests)} */
  public InetSocketAddress address() {
    return server == null ? null : server.address();
  }

  /** {@return the start-up warning for a page listening beyond this machine, or null} */
  static String publicWarning(InetSocketAddress bound) {
    return bound.getAddress().isLoopbackAddress() ? null : "admin: the admin page listens on "
        + bound + ", which is not loopback: anyone who reaches it can try to sign in "
        + "(plugins.admin.http_bind); put it behind HTTPS";
  }

  static InetSocketAddress parseBind(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("plugins.admin.http_bind: expected host:port, got '"
          + spec + "'");
    }
    String host = spec.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(spec.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("plugins.admin.http_bind: bad port in '" + spec
          + "' (0 to 65535)");
    }
    return new InetSocketAddress(host, port);
  }

  @Override
  public void stop() {
    if (purge != null) {
      purge.cancel(false);
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
