package org.openttserver.testkit;

import java.nio.file.Path;

/**
 * The configuration of a test server: free ports, data and drop-in plugins under the test's
 * directory, the roles a test asks for.
 */
public final class ServerYaml {
  /**
   * Client-agent lines (for {@link #of}) that let any number of test clients connect from
   * 127.0.0.1 at once and send as fast as they like.
   */
  public static final String UNLIMITED_CLIENTS = "    client:\n      messages_per_second: 0\n"
      + "    limits:\n      max_anonymous_per_address: 1000\n"
      + "      connects_per_second_per_address: 0\n";

  /**
   * A login plugin section (for {@link #of}) for tests: made-up play tokens log in (every test
   * client is a new account made that way, all from 127.0.0.1), cheap password hashing, the
   * account server on a free port.
   */
  public static final String TEST_LOGIN = "  login:\n    http_bind: 127.0.0.1:0\n"
      + "    accept_unknown_tokens: true\n    hash_memory_kib: 1024\n    hash_iterations: 1\n"
      + "    rate_limit: {creates_per_address: 100000}\n";

  private ServerYaml() {}

  /**
   * The YAML of a server.
   *
   * @param dir the test's directory (data/ and plugins/ go under it)
   * @param firstDc the client's DC file (the demo or the reference toon.dc)
   * @param clientAgent extra YAML lines of the client agent entry, four-space indented, or ""
   * @param liveRoles whether to run the state server and DB-state server too
   * @param plugins the {@code plugins:} lines, two-space indented
   * @return the YAML text
   */
  public static String of(Path dir, String firstDc, String clientAgent, boolean liveRoles,
      String plugins) {
    return "general:\n  dc_files: [" + firstDc + ", config/dc/openttserver.dc]\n"
        + "  data_dir: " + dir.resolve("data") + "\n"
        + "messagedirector:\n  bind: 127.0.0.1:0\n"
        + "extension:\n  plugins_dir: " + dir.resolve("plugins") + "\n"
        + "roles:\n"
        + "  - type: clientagent\n    bind: 127.0.0.1:0\n"
        + "    channels: {min: 1000000000, max: 1000009999}\n" + clientAgent
        + (liveRoles ? "  - type: stateserver\n    control: 402000\n"
            + "  - type: dbss\n    database: 402001\n"
            + "    ranges:\n      - {min: 100000000, max: 199999999}\n" : "")
        + "  - type: database\n    control: 402001\n"
        + "    generate: {min: 100000000, max: 199999999}\n"
        + "plugins:\n" + plugins;
  }
}
