package org.openttserver.runtime.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration strictly: an unknown key, a value of the wrong type or a YAML
 * syntax error becomes one {@link ConfigException} line naming the file, the key and what was
 * expected.
 */
public final class ConfigLoader {
  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

  private ConfigLoader() {}

  /**
   * Loads a configuration file.
   *
   * @param file the YAML file
   * @return the configuration
   * @throws ConfigException with the one-line reason
   */
  public static ServerConfig load(Path file) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": file not found (pass --config FILE or create it)");
    } catch (JacksonException e) {
      throw new ConfigException(file + location(e.getLocation()) + ": YAML syntax error: "
          + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = MAPPER.createObjectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException(file + ": expected a mapping of sections at the top level");
    }
    AstronKeys.checkTopLevel(tree, file);
    Sections s = bind(tree, Sections.class, file, "");
    return new ServerConfig(s.general(), s.messagedirector(), s.extension(), s.roles(),
        s.plugins(), s.ai(), s.metrics(), file);
  }

  /**
   * The top-level keys a configuration file may have ({@code daemon}: Astron's name and URL of
   * the daemon, accepted and not used, as astrond reads and does not use them either).
   */
  private record Sections(
      Daemon daemon,
      ServerConfig.General general,
      ServerConfig.MessageDirectorConfig messagedirector,
      ServerConfig.ExtensionConfig extension,
      java.util.List<ObjectNode> roles,
      java.util.Map<String, JsonNode> plugins,
      ServerConfig.AiConfig ai,
      ServerConfig.MetricsConfig metrics) {}

  /** Astron's {@code daemon} section. @param name the daemon's name @param url its URL */
  private record Daemon(String name, String url) {}

  /**
   * Binds a part of the configuration to a type, strictly.
   *
   * @param node the YAML subtree
   * @param type the target type
   * @param file the file, for messages
   * @param prefix the subtree's key path (e.g. {@code plugins.login}), for messages
   * @param <T> the type
   * @return the bound value
   * @throws ConfigException with the one-line reason
   */
  public static <T> T bind(JsonNode node, Class<T> type, Path file, String prefix) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw new ConfigException(file + ": key '" + keyPath(prefix, e) + "': " + expectation(e));
    } catch (JacksonException e) {
      throw new ConfigException(file + ": " + prefix + ": " + e.getOriginalMessage());
    }
  }

  private static String keyPath(String prefix, JsonMappingException e) {
    StringBuilder sb = new StringBuilder(prefix);
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String expectation(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String known = u.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", "));
      return "unknown key (expected one of: " + known + ")";
    }
    if (e instanceof InvalidFormatException f) {
      return "expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + typeName(m.getTargetType());
    }
    Throwable cause = e.getCause();
    return cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage();
  }

  private static String typeName(Class<?> t) {
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "a whole number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    if (t == String.class) {
      return "a text value";
    }
    if (java.util.List.class.isAssignableFrom(t)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) {
      return "a mapping of keys";
    }
    return t.getSimpleName();
  }

  /** Keeps the lines of a multi-line parser message that say what is wrong, joined. */
  private static String oneLine(String message) {
    return message.lines()
        .filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.trim().equals("^"))
        .collect(Collectors.joining("; "));
  }

  private static String location(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 0 ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
  }
}
