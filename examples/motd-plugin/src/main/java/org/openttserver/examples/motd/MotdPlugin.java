package org.openttserver.examples.motd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;
import org.slf4j.Logger;

/**
 * Shows a message of the day to every toon entering the game: the 2003 client prints its own
 * toon's {@code setSystemMessage} in the chat log, as it does for the game's own notices.
 *
 * <p>The text comes from {@code plugins.motd.text}, or from {@code data/plugins/motd/motd.txt}
 * once someone changed it through the {@link MessageOfTheDay} service; {@code {name}} in it
 * becomes the toon's name, read from the database through the Astron bridge.
 */
// tag::class[]
public final class MotdPlugin extends GamePlugin {
  /** Replaced by the toon's name in the message. */
  static final String NAME = "{name}";
  /** The toon a session was last shown the message for: once per toon and session. */
  private static final SessionKey<Long> SHOWN = SessionKey.of("motd.shown", Long.class);

  private final Logger log;
  private volatile String text;
  private long delayMs;
  private DcClass toon;
  private Path saved;
  private ExecutorService files;
  private Registration entering;

  /**
   * Created by the server with the plugin's context; start() does the work.
   *
   * @param context what the server gives this plugin
   */
  public MotdPlugin(PluginContext context) {
    super(context);
    this.log = context.logger();
  }
  // end::class[]

  // tag::start[]
  @Override
  public void start() {
    MotdConfig config = context().config().bind(MotdConfig.class);
    delayMs = config.delayMs();
    toon = context().dcFile().dclass("DistributedToon");
    saved = context().dataDirectory().resolve("motd.txt");
    text = readSaved().orElse(config.text());
    files = Executors.newSingleThreadExecutor(r -> new Thread(r, "motd-files"));
    context().services().provide(MessageOfTheDay.class, new Service());
    Optional<AvatarPresence> presence = context().services().find(AvatarPresence.class);
    if (presence.isEmpty()) {
      log.warn("motd: the avatars plugin does not run, so no toon enters the game and no "
          + "message is shown");
      return;
    }
    // The 2003 client applies updates of its own toon only once it is in a district's world
    // (district listeners run then); a toon merely chosen would drop the message.
    Optional<DistrictDirectory> districts = context().services().find(DistrictDirectory.class);
    entering = districts.isPresent()
        ? districts.get().onEnter((session, avatarId, districtId) ->
            enteredWorld(session, avatarId))
        : presence.get().onEnter(this::entered);
    log.info("motd: showing \"{}\" to toons entering the game", text);
  }
  // end::start[]

  // tag::read-saved[]
  /** Reads the saved message; start() may block on files, no client is served from it. */
  private Optional<String> readSaved() {
    try {
      return Files.exists(saved)
          ? Optional.of(Files.readString(saved, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("motd: cannot read " + saved, e);
    }
  }
  // end::read-saved[]

  // tag::entered[]
  /** A toon entered a district: the first time for this toon in this session, it is shown. */
  private void enteredWorld(ClientSession session, long avatarId) {
    if (session.get(SHOWN).orElse(0L) != avatarId) {
      session.set(SHOWN, avatarId);
      entered(session, avatarId);
    }
  }

  /** Runs on the extension's event loop when a toon enters: schedules, never waits. */
  private void entered(ClientSession session, long avatarId) {
    context().scheduler().schedule(() -> show(session, avatarId), delayMs,
        TimeUnit.MILLISECONDS);
  }

  private void show(ClientSession session, long avatarId) {
    // The session may have ended, or gone back to the chooser, while the timer ran.
    boolean stillPlaying = session.isConnected() && context().services()
        .find(AvatarPresence.class)
        .map(p -> p.activeAvatar(session).orElse(0) == avatarId).orElse(false);
    if (!stillPlaying) {
      return;
    }
    String message = text;
    if (!message.contains(NAME)) {
      send(session, avatarId, message);
      return;
    }
    // tag::bridge[]
    context().bridge().database().get(avatarId, toon, "setName")
        .thenAccept(v -> send(session, avatarId, message.replace(NAME, v.string("setName"))))
        .exceptionally(e -> {
          log.warn("motd: no name for toon {}: {}", avatarId, e.toString());
          send(session, avatarId, message.replace(NAME, "Toon"));
          return null;
        });
    // end::bridge[]
  }

  private void send(ClientSession session, long avatarId, String message) {
    if (session.isConnected()) {
      session.send(ObjectUpdateField.of(avatarId, toon, "setSystemMessage", 0L, message));
    }
  }
  // end::entered[]

  // tag::stop[]
  @Override
  public void stop() {
    if (entering != null) {
      entering.close();
    }
    files.shutdown();
  }
  // end::stop[]

  // tag::service[]
  /** The service: changes are written on the plugin's own file thread, never the event loop. */
  private final class Service implements MessageOfTheDay {
    @Override
    public String text() {
      return text;
    }

    @Override
    public CompletionStage<Void> change(String newText) {
      return CompletableFuture.runAsync(() -> {
        try {
          Path tmp = saved.resolveSibling("motd.txt.tmp");
          Files.writeString(tmp, newText, StandardCharsets.UTF_8);
          Files.move(tmp, saved, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UncheckedIOException("motd: cannot write " + saved, e);
        }
        text = newText;
        log.info("motd: changed to \"{}\"", newText);
      }, files);
    }
  }
  // end::service[]
}
