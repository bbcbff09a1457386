package org.openttserver.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.runtime.plugin.fixtures.EchoPlugin;
import org.openttserver.runtime.plugin.fixtures.NeedsEchoPlugin;
import org.openttserver.testclient.PluginJars;

class PluginInventoryTest {
  @TempDir Path work;

  private static JsonNode off() {
    return JsonNodeFactory.instance.objectNode().put("enabled", false);
  }

  @Test
  void list_saysWhatStartUpWouldDoWithEachJar() throws Exception {
    Path builtin = work.resolve("builtin");
    Path dropIns = work.resolve("plugins");
    PluginJars.write(builtin, "echo", EchoPlugin.class);
    PluginJars.write(dropIns, "needsecho", "echo", NeedsEchoPlugin.class);
    PluginJars.write(dropIns, "future", "", ">=9.0.0", EchoPlugin.class);
    PluginJars.write(dropIns, "lonely", "absent", EchoPlugin.class);
    Files.writeString(dropIns.resolve("readme.txt"), "not a jar");

    List<PluginInventory.Entry> on = PluginInventory.list(List.of(builtin, dropIns, dropIns),
        Map.of());
    assertThat(on).extracting(e -> e.id() + " " + e.state()).containsExactly("echo enabled",
        "future refused", "lonely refused", "needsecho enabled");
    assertThat(on.get(1).reason()).contains(">=9.0.0");
    assertThat(on.get(2).reason()).contains("'absent'").contains("not installed");

    List<PluginInventory.Entry> echoOff = PluginInventory.list(List.of(builtin, dropIns),
        Map.of("echo", off()));
    assertThat(echoOff).extracting(e -> e.id() + " " + e.state() + " " + e.reason())
        .contains("echo disabled in the configuration",
            "needsecho disabled needs plugin 'echo', which is disabled");
  }
}
