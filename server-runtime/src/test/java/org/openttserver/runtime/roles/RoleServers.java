package org.openttserver.runtime.roles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.roles.RoleConformanceSupport;

/**
 * The cluster the role suites talk to: {@code ASTRON_MD=host:port} if set (a real Astron that
 * loaded the {@code dc-astron} rendering of demo-toon.dc plus the suites' fixture, with the
 * control channels below), else one shared embedded server with the three roles.
 */
public final class RoleServers {
  /** State server control channel. */
  public static final long SS_CONTROL = 402000;
  /** Database control channel. */
  public static final long DB_CONTROL = 402001;
  /** First doid the database generates (and the DBSS serves). */
  public static final long DOID_MIN = 100_000_000L;
  /** Last doid the database generates. */
  public static final long DOID_MAX = 399_999_999L;

  private static Server shared;
  private static DcFile dc;

  private RoleServers() {}

  /** {@return the YAML roles section of the three roles, data under the given directory} */
  static String rolesYaml() {
    return "roles:\n"
        + "  - type: stateserver\n    control: " + SS_CONTROL + "\n"
        + "  - type: dbss\n    database: " + DB_CONTROL + "\n"
        + "    ranges:\n      - {min: " + DOID_MIN + ", max: " + DOID_MAX + "}\n"
        + "  - type: database\n    control: " + DB_CONTROL + "\n"
        + "    generate: {min: " + DOID_MIN + ", max: " + DOID_MAX + "}\n"
        + "    backend: {type: sqlite}\n";
  }

  /**
   * Writes the fixture next to a configuration and returns the general section using it.
   *
   * @param dir the directory
   * @return YAML text of {@code general:} with dc_files and data_dir
   */
  public static String generalYaml(Path dir) {
    try {
      Path fixture = dir.resolve("roles-test.dc");
      Files.writeString(fixture, RoleConformanceSupport.fixtureText());
      return "general:\n  dc_files: [config/dc/demo-toon.dc, " + fixture + "]\n"
          + "  data_dir: " + dir.resolve("data") + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the endpoint the suites use} */
  public static synchronized InetSocketAddress md() {
    InetSocketAddress external = TestServers.externalMd();
    if (external != null) {
      return external;
    }
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("openttserver-roles");
        String yaml = generalYaml(dir) + "messagedirector:\n  bind: 127.0.0.1:0\n"
            + "extension:\n  plugins_dir: " + dir.resolve("plugins") + "\n" + rolesYaml();
        shared = TestServers.start(yaml, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared.mdAddress();
  }

  /** {@return demo-toon.dc plus the fixture, parsed as the cluster loads them} */
  public static synchronized DcFile dc() {
    if (dc == null) {
      dc = dcWith(List.of());
    }
    return dc;
  }

  /**
   * Parses what the cluster loads plus more sources it did not load.
   *
   * @param extra sources after the fixture
   * @return demo-toon.dc, the fixture, then {@code extra}, parsed anew
   */
  public static DcFile dcWith(List<DcSource> extra) {
    try {
      List<DcSource> sources = new ArrayList<>(List.of(
          DcSource.read(TestServers.REPO.resolve("config/dc/demo-toon.dc"), DcDialect.DC_2003),
          new DcSource("roles-test.dc", RoleConformanceSupport.fixtureText(),
              DcDialect.EXTENDED)));
      sources.addAll(extra);
      return DcParser.parse(sources);
    } catch (Exception e) {
      throw new IllegalStateException("cannot parse the role fixture: " + e.getMessage(), e);
    }
  }
}
