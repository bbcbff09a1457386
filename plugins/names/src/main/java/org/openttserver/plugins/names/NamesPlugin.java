package org.openttserver.plugins.names;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.openttserver.api.files.ClientFiles;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.session.Access;

/**
 * The built-in names plugin: CLIENT_SET_NAME_PATTERN (67) and CLIENT_SET_WISHNAME (70), and the
 * {@link NameReview} service. Names are stored through the avatars plugin's {@link
 * AvatarDirectory}.
 */
public final class NamesPlugin extends GamePlugin {
  /** The demo list inside the jar (config/names/ in the source tree). */
  static final String DEMO = "NameMasterDemo.txt";

  private ExecutorService work;
  private ReviewStore store;

  /**
   * Creates the plugin.
   *
   * @param context what the server gives this plugin
   */
  public NamesPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    PluginContext ctx = context();
    NamesConfig config = ctx.config().bind(NamesConfig.class);
    NameMaster master = loadNameMaster(config.nameMaster());
    try {
      store = new ReviewStore(ctx.dataDirectory());
    } catch (SQLException e) {
      throw new IllegalStateException("names: cannot open the review store in "
          + ctx.dataDirectory() + ": " + e.getMessage(), e);
    }
    ReviewStore backedUp = store;
    ctx.onBackup(backedUp::backupTo);
    work = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "names-worker");
      t.setDaemon(true);
      return t;
    });
    Names names = new Names(() -> ctx.services().find(AvatarDirectory.class), master, store,
        config, work, ctx.logger(), System::currentTimeMillis);
    try {
      ctx.clientMessages().on(SetNamePattern.class, Access.LOGGED_IN, names::pattern);
      ctx.clientMessages().on(SetWishName.class, Access.LOGGED_IN, names::wish);
      ctx.services().provide(NameReview.class, names);
    } catch (RuntimeException e) {
      stop(); // PF4J does not stop a plugin whose start failed: release the thread and the store
      throw e;
    }
    ctx.logger().info("names: {} name parts from {}; typed names {}{}", master.size(),
        master.source(), config.autoApprove() ? "approved at once" : "wait for review",
        config.allowDuplicateNames() ? "" : ", no two toons with one typed name");
  }

  /**
   * Loads the first list that exists, else the demo list inside the jar.
   *
   * @param candidates paths relative to the working directory
   * @return the list
   */
  NameMaster loadNameMaster(List<String> candidates) {
    for (String c : candidates) {
      Path p = Path.of(c).toAbsolutePath().normalize();
      if (Files.isRegularFile(p)) {
        try (InputStream in = Files.newInputStream(p)) {
          return NameMaster.read(in, p.toString());
        } catch (IOException e) {
          throw new UncheckedIOException("names: cannot read " + p + ": " + e.getMessage(), e);
        }
      }
    }
    // The client's own archive, as the user may have left it: etc/phase_3.mf.
    try {
      Optional<ClientFiles.Found> inArchive = ClientFiles.find(List.of(Path.of("etc")),
          "phase_3/etc/NameMasterEnglish.txt");
      if (inArchive.isPresent()) {
        return NameMaster.read(new ByteArrayInputStream(inArchive.get().bytes()),
            inArchive.get().origin());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("names: cannot read the client's files in etc/: "
          + e.getMessage(), e);
    }
    context().logger().warn("names: none of {} exists, nor etc/phase_3.mf; using the demo name"
        + " list, whose words do not match a real client's pick-a-name lists (see"
        + " etc/README.md)", candidates);
    return demo();
  }

  /** {@return the demo list inside the jar} */
  static NameMaster demo() {
    try (InputStream in = NamesPlugin.class.getResourceAsStream(DEMO)) {
      if (in == null) {
        throw new IllegalStateException("names: the demo list " + DEMO + " is missing from the"
            + " plugin jar");
      }
      return NameMaster.read(in, "the names plugin's " + DEMO);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (work != null) {
      work.shutdown();
    }
    if (store != null) {
      try {
        store.close();
      } catch (SQLException e) {
        context().logger().warn("names: closing the review store: {}", e.getMessage());
      }
    }
  }
}
