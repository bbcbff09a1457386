package org.openttserver.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.clientagent.ClientAgentConfig;

/**
 * Astron's configuration keys: each is accepted with Astron's meaning or refused on one line that
 * names it and says why it is not supported. Our own small files (test resources
 * {@code astron-keys/}) cover the keys one by one; Astron's own example configurations are read
 * from an Astron checkout ({@code ASTRON_SRC}, default {@code /work/astron-src}) when present.
 */
class AstronConfigKeysTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern REFUSAL =
      Pattern.compile(": key '([^']+)': (value .+ )?not supported: .+");

  @TempDir Path dir;

  /** Loads a file and checks its roles; returns the refusal, or null when it is accepted. */
  private static ConfigException check(Path file) {
    return catchThrowableOfType(() -> Server.checkRoles(ConfigLoader.load(file)),
        ConfigException.class);
  }

  private Path resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/astron-keys/" + name)) {
      return Files.write(dir.resolve(name), in.readAllBytes());
    }
  }

  @ParameterizedTest
  @CsvSource({
      "daemon.yml, ",
      "ca-astron-keys.yml, ",
      "open-ranges.yml, ",
      "eventlogger-address.yml, general.eventlogger",
      "uberdogs.yml, uberdogs",
      "web.yml, web",
      "ca-haproxy.yml, roles[0].haproxy",
      "ca-tls.yml, roles[0].tls",
      "ca-relocate.yml, roles[0].client.relocate",
      "ca-add-interest.yml, roles[0].client.add_interest",
      "ca-libastron.yml, roles[0].client.type",
      "db-yaml-backend.yml, roles[0].backend.type",
      "eventlogger-role.yml, roles[0].type",
  })
  void astronKey_whenLoaded_thenAcceptedOrRefusedAsNotSupported(String file, String refused)
      throws Exception {
    Path f = resource(file);

    ConfigException e = check(f);

    if (refused == null) {
      assertThat(e).as("accepted").isNull();
    } else {
      assertThat(e).as("refused").isNotNull();
      assertThat(e.getMessage()).startsWith(f.toString()).doesNotContain("\n")
          .contains(": key '" + refused + "': ").containsPattern(REFUSAL);
    }
  }

  @Test
  void astronKeys_whenAccepted_thenAstronMeaning() throws Exception {
    ServerConfig c = ConfigLoader.load(resource("ca-astron-keys.yml"));
    ObjectNode entry = c.roles().get(0).deepCopy();
    entry.remove("type");
    AstronKeys.checkClientAgent(entry, "roles[0]", c.source());
    ClientAgentConfig ca = ConfigLoader.bind(entry, ClientAgentConfig.class, c.source(),
        "roles[0]");

    assertThat(ca.client().writeBufferSize()).isZero();
    assertThat(ca.backlogLimit()).as("write_buffer_size 0: no limit").isEqualTo(Long.MAX_VALUE);
    assertThat(ca.client().writeTimeoutMs()).isZero();
    assertThat(ca.manualDcHash()).isEqualTo(0x1234ABCDL);

    ServerConfig ranges = ConfigLoader.load(resource("open-ranges.yml"));
    assertThat(ranges.roles().get(0).path("generate").has("max")).isFalse();
    assertThat(new org.openttserver.runtime.database.DatabaseConfig(null,
        new org.openttserver.runtime.database.DatabaseConfig.Generate(100L, null), null, null)
        .generate().max()).isEqualTo(0xFFFF_FFFFL);
  }

  /**
   * Astron's example configurations: loading one refuses a key as not supported or accepts it;
   * taking each refused key out and loading again ends with an accepted file, so no key of the
   * example is ever reported as merely unknown or refused for a wrong reason.
   */
  @Test
  void astronExampleConfigs_whenPresent_thenEveryKeyAcceptedOrRefusedAsNotSupported()
      throws Exception {
    Path docs = Path.of(System.getenv().getOrDefault("ASTRON_SRC", "/work/astron-src"),
        "docs", "config");
    Assumptions.assumeTrue(Files.isDirectory(docs), "no Astron checkout at " + docs);
    List<Path> examples;
    try (var files = Files.list(docs)) {
      examples = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
    Assumptions.assumeFalse(examples.isEmpty(), "no example configurations in " + docs);
    for (Path example : examples) {
      List<String> refused = peel(YAML.readTree(example.toFile()), example.getFileName());
      assertThat(refused).as(example.toString()).isNotNull();
      if (example.getFileName().toString().equals("astron.example.yml")) {
        assertThat(refused).as(example.toString()).containsExactly("general.eventlogger",
            "uberdogs", "web", "roles[0].client.type", "roles[0].tls",
            "roles[0].client.relocate", "roles[2].backend.type", "roles[4].type");
      }
    }
  }

  /** Loads, takes out the refused key, and again, until accepted; returns the refused keys. */
  private List<String> peel(JsonNode root, Path name) throws Exception {
    List<String> refused = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      Path f = dir.resolve(name);
      YAML.writeValue(f.toFile(), root);
      ConfigException e = check(f);
      if (e == null) {
        return refused;
      }
      Matcher m = REFUSAL.matcher(e.getMessage());
      assertThat(m.find()).as("one-line refusal naming a key: %s", e.getMessage()).isTrue();
      assertThat(e.getMessage()).doesNotContain("\n");
      refused.add(m.group(1));
      remove(root, m.group(1));
    }
    throw new AssertionError("still refused after 50 keys were taken out");
  }

  /** Removes a key path; a refused role type removes the role, a refused backend its section. */
  private static void remove(JsonNode root, String path) {
    String p = path.endsWith(".backend.type") ? path.substring(0, path.length() - 5)
        : path.matches("roles\\[\\d+]\\.type") ? path.substring(0, path.length() - 5) : path;
    JsonNode parent = root;
    String[] parts = p.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      Matcher idx = Pattern.compile("(\\w+)\\[(\\d+)]").matcher(parts[i]);
      boolean last = i == parts.length - 1;
      if (idx.matches()) {
        ArrayNode list = (ArrayNode) parent.get(idx.group(1));
        int n = Integer.parseInt(idx.group(2));
        if (last) {
          // Keep the indexes of later roles: blank the entry to a harmless state server.
          list.set(n, YAML.createObjectNode().put("type", "stateserver").put("control", 402999));
          return;
        }
        parent = list.get(n);
      } else if (last) {
        ((ObjectNode) parent).remove(parts[i]);
      } else {
        parent = parent.get(parts[i]);
      }
    }
  }
}
