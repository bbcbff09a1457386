package org.openttserver.plugins.login;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.Login;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.SetSecurity;
import org.openttserver.api.service.AccountAdmin;
import org.openttserver.api.service.AccountDirectory;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientMessages;

/**
 * The built-in login plugin: accounts in the database, the 2003 client's HTTP account server, and
 * the login messages CLIENT_LOGIN_2 (16), CLIENT_LOGIN (1) and CLIENT_SET_SECURITY (73).
 */
public final class LoginPlugin extends GamePlugin {
  private ExecutorService work;
  private ExecutorService hashing;
  private NameIndex index;
  private AccountServer http;
  private ScheduledFuture<?> purge;
  /** Password hashes that may wait per hashing thread before more are refused. */
  static final int HASH_QUEUE_PER_THREAD = 128;
  /** Logins the history keeps (the admin page's "recent logins" and logins per hour). */
  static final int LOGIN_HISTORY = 1000;

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
    PluginContext ctx = context();
    LoginConfig config = ctx.config().bind(LoginConfig.class);
    work = Executors.newFixedThreadPool(2, daemon("login-worker"));
    // A bounded queue: a flood of password checks is refused ("not available") once this many
    // wait, instead of queueing hashes nobody will wait for.
    hashing = new ThreadPoolExecutor(config.hashThreads(), config.hashThreads(), 0,
        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(HASH_QUEUE_PER_THREAD
            * config.hashThreads()), daemon("login-hash"));
    // PF4J does not stop a plugin whose start failed: whatever fails below releases the pools,
    // the index (its writer thread and file lock) and the account server.
    Accounts accounts;
    PlayTokens tokens;
    try {
      try {
        index = new NameIndex(ctx.dataDirectory(), e -> ctx.logger().error("login: a batch of"
            + " the account-name index failed; its account creations were refused", e));
      } catch (SQLException e) {
        throw new IllegalStateException("login: cannot open the account-name index in "
            + ctx.dataDirectory() + ": " + e.getMessage(), e);
      }
      NameIndex backedUp = index;
      ctx.onBackup(backedUp::backupTo);
      AstronBridge bridge = bridge(ctx, config);
      AccountDatabase db = new AccountDatabase(bridge.database(), ctx.dcFile());
      accounts = new Accounts(db, index,
          new PasswordHasher(config.hashMemoryKib(), config.hashIterations(), hashing), work,
          config, System::currentTimeMillis);
      accounts.creationsAfter(new CreationRecovery(db, index, work, ctx.logger()).run());
      tokens = new PlayTokens(config.tokenTtlSeconds() * 1000L, System::currentTimeMillis);
      AccessLevels levels = new AccessLevels(config.accessLevels(),
          ctx.dataDirectory().resolve(AccessLevels.FILE), ctx.logger());
      NameIndex history = index;
      List<AccountAdmin.LoginRecord> stored;
      try {
        stored = index.recentLogins(LOGIN_HISTORY);
      } catch (SQLException e) {
        ctx.logger().warn("login history: could not read the stored logins ({}); starting "
            + "with none", e.getMessage());
        stored = List.of();
      }
      LoginLog logins = new LoginLog(LOGIN_HISTORY, System::currentTimeMillis, stored,
          r -> history.recordLoginAsync(r, LOGIN_HISTORY)
              .exceptionally(e -> {
                ctx.logger().warn("login history: could not store the login of {}: {}",
                    r.name(), e.toString());
                return null;
              }));
      register(ctx, config, accounts, tokens, new SessionSetup(bridge.clients(), accounts,
          levels, logins));
      ctx.services().provide(AccountAdmin.class, new AccountAdministration(accounts, levels,
          logins, bridge.clients()));
      ctx.services().provide(AccountDirectory.class, id -> accounts.byId(id)
          .thenApply(found -> found.map(a -> new AccountDirectory.AccountInfo(a.doId(), a.name(),
              a.accessLevel(), a.paid(), a.chatPermission(),
              a.bannedAt(System.currentTimeMillis() / 1000)))));
      startHttp(config, new AccountOps(accounts, tokens, config));
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
    Accounts known = accounts;
    PlayTokens issued = tokens;
    purge = ctx.scheduler().scheduleAtFixedRate(() -> {
      issued.purge();
      known.purge();
    }, 60, 60, TimeUnit.SECONDS);
  }

  /**
   * The context's bridge, or one with the deprecated {@code plugins.login.database_channel} /
   * {@code request_timeout_ms} applied when they are still set.
   */
  static AstronBridge bridge(PluginContext ctx, LoginConfig config) {
    AstronBridge bridge = ctx.bridge();
    if (config.databaseChannel() == null && config.requestTimeoutMs() == null) {
      return bridge;
    }
    ctx.logger().warn("login: plugins.login.database_channel and request_timeout_ms are "
        + "deprecated; set extension.database_channel and extension.bridge_timeout_ms instead");
    BridgeSettings s = bridge.settings();
    try {
      return bridge.withSettings(new BridgeSettings(
          config.databaseChannel() != null ? config.databaseChannel() : s.databaseChannel(),
          s.stateServerChannel(), config.requestTimeoutMs() != null
              ? Duration.ofMillis(config.requestTimeoutMs()) : s.timeout()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("plugins.login.database_channel / request_timeout_ms: "
          + e.getMessage(), e);
    }
  }

  private void register(PluginContext ctx, LoginConfig config, Accounts accounts,
      PlayTokens tokens, SessionSetup setup) {
    LoginChecks checks = new LoginChecks(config, ctx.clientDcHash(), accounts, ctx.logger(),
        ctx.metrics());
    LoginHandlers login2 = new LoginHandlers(checks, accounts, tokens, setup, config,
        ctx.logger(), ctx.cluster().executor());
    OldLoginHandler login = new OldLoginHandler(checks, accounts, setup, config, ctx.logger(),
        ctx.cluster().executor());
    ClientMessages messages = ctx.clientMessages();
    messages.on(Login2.class, Access.ANYONE, login2::login2);
    messages.on(Login.class, Access.ANYONE, login::login);
    messages.on(SetSecurity.class, Access.LOGGED_IN, login2::setSecurity);
  }

  private void startHttp(LoginConfig config, AccountOps ops) {
    if (config.httpBind().isBlank()) {
      context().logger().info("login: account server disabled (http_bind is empty)");
      return;
    }
    InetSocketAddress bind = parseBind(config.httpBind());
    // The JDK's HTTP server has no request or response time limit unless told; without one a few
    // clients that send slowly hold every handler thread. Read once, when the server first loads.
    System.setProperty("sun.net.httpserver.maxReqTime",
        System.getProperty("sun.net.httpserver.maxReqTime", "10"));
    System.setProperty("sun.net.httpserver.maxRspTime",
        System.getProperty("sun.net.httpserver.maxRspTime", "20"));
    try {
      http = new AccountServer(bind, ops, config, context().logger(),
          Executors.newFixedThreadPool(4, daemon("login-http")));
    } catch (IOException e) {
      throw new IllegalStateException("login: cannot listen on " + config.httpBind()
          + " (plugins.login.http_bind): " + e.getMessage(), e);
    }
    context().logger().info("login: account server listening on {}", http.address());
  }

  static InetSocketAddress parseBind(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("plugins.login.http_bind: expected host:port, got '"
          + spec + "'");
    }
    String host = spec.substring(0, colon).replace("[", "").replace("]", "");
    try {
      return new InetSocketAddress(host, Integer.parseInt(spec.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("plugins.login.http_bind: bad port in '" + spec + "'");
    }
  }

  /** {@return the account server's address, or null if it is off (for tests and logs)} */
  public InetSocketAddress accountServerAddress() {
    return http == null ? null : http.address();
  }

  @Override
  public void stop() {
    if (purge != null) {
      purge.cancel(false);
    }
    if (http != null) {
      http.close();
    }
    if (work != null) {
      work.shutdown();
    }
    if (hashing != null) {
      hashing.shutdown();
    }
    closeIndex();
  }

  private void closeIndex() {
    if (index != null) {
      try {
        index.close();
      } catch (SQLException e) {
        context().logger().warn("login: closing the name index: {}", e.getMessage());
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
