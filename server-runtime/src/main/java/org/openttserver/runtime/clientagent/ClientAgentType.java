package org.openttserver.runtime.clientagent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import org.openttserver.api.msg.Channels;
import org.openttserver.runtime.config.AstronKeys;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.config.HostPort;
import org.openttserver.runtime.roles.Role;
import org.openttserver.runtime.roles.RoleChecks;
import org.openttserver.runtime.roles.RoleContext;
import org.openttserver.runtime.roles.RoleType;

/** {@code type: clientagent}: validates the entry and starts a {@link ClientAgent}. */
public final class ClientAgentType implements RoleType {
  @Override
  public String name() {
    return "clientagent";
  }

  @Override
  public Role start(ObjectNode entry, String key, RoleContext ctx) throws InterruptedException {
    ClientAgentConfig cfg = config(entry, key, ctx.configFile());
    String file = ctx.configFile().toString();
    InetSocketAddress addr = HostPort.parse(cfg.bind(), 5150, ctx.configFile(), key + ".bind");
    ClientAgent agent = new ClientAgent(ctx.md(), cfg, ctx.dc());
    try {
      agent.bind(addr, ctx.group());
    } catch (RuntimeException e) {
      throw new ConfigException(file + ": key '" + key + ".bind': cannot listen on " + cfg.bind()
          + " (" + e.getMessage() + ")" + (HostPort.isAddressInUse(e) ? "; choose a free port"
          : ""));
    }
    return agent;
  }

  @Override
  public void check(ObjectNode entry, String key, java.nio.file.Path configFile) {
    ClientAgentConfig cfg = config(entry.deepCopy(), key, configFile);
    HostPort.parse(cfg.bind(), 5150, configFile, key + ".bind");
  }

  private static ClientAgentConfig config(ObjectNode entry, String key, java.nio.file.Path path) {
    String file = path.toString();
    String type = entry.path("client").path("type").asText("toontown2003");
    if (!"toontown2003".equals(type)) {
      throw new ConfigException(file + ": key '" + key + ".client.type': value '" + type
          + "' not supported: this server's client agent speaks only 'toontown2003' (the 2003 "
          + "client)");
    }
    AstronKeys.checkClientAgent(entry, key, path);
    ClientAgentConfig cfg = ConfigLoader.bind(entry, ClientAgentConfig.class, path, key);
    ClientAgentConfig.ChannelRange r = cfg.channels();
    if (r == null || r.min() == null || r.max() == null || Channels.isReserved(r.min())
        || r.min() == 0 || Long.compareUnsigned(r.min(), r.max()) > 0) {
      throw new ConfigException(file + ": key '" + key + ".channels': expected {min, max} with "
          + "1000 <= min <= max, e.g. {min: 1000000000, max: 1009999999}");
    }
    RoleChecks.channel(cfg.client().extension(), path, key + ".client.extension",
        "a channel of 1000 or more (the project uses 5536)");
    if (cfg.client().maxMessageSize() < 2 || cfg.client().maxMessageSize() > 0xFFFF) {
      throw new ConfigException(file + ": key '" + key + ".client.max_message_size': expected "
          + "2 to 65535");
    }
    atLeast(cfg.client().writeBufferSize(), 0, file, key + ".client.write_buffer_size",
        "bytes, 0 for no limit");
    atLeast(cfg.client().writeTimeoutMs(), 0, file, key + ".client.write_timeout_ms",
        "milliseconds, 0 for no time-out");
    ClientAgentConfig.Limits limits = cfg.limits();
    atLeast(limits.loginTimeout(), 0, file, key + ".limits.login_timeout",
        "milliseconds, 0 for no deadline");
    atLeast(limits.maxConnections(), 1, file, key + ".limits.max_connections", "a count");
    atLeast(limits.maxAnonymousPerAddress(), 1, file, key + ".limits.max_anonymous_per_address",
        "a count");
    atLeast(limits.reservedFileDescriptors(), 0, file,
        key + ".limits.reserved_file_descriptors", "a count, 0 for no cap by the open-file limit");
    atLeast(limits.connectsPerSecondPerAddress(), 0, file,
        key + ".limits.connects_per_second_per_address", "a rate, 0 for no limit");
    return cfg;
  }

  private static void atLeast(int value, int min, String file, String key, String what) {
    if (value < min) {
      throw new ConfigException(file + ": key '" + key + "': expected " + min + " or more ("
          + what + "), got " + value);
    }
  }
}
