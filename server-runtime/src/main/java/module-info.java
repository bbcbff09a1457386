/**
 * The OpenTTServer process: configuration, the embedded message director, the extension core
 * and the plugin host.
 */
module org.openttserver.runtime {
  requires org.openttserver.api;
  requires org.openttserver.ai;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.transport;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires info.picocli;
  requires java.sql;
  requires jdk.management;
  requires org.xerial.sqlitejdbc;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;
  requires io.prometheus.metrics.exporter.httpserver;
  requires io.prometheus.metrics.instrumentation.jvm;
  requires io.prometheus.writer.text;
  requires jdk.httpserver;

  exports org.openttserver.runtime;
  exports org.openttserver.runtime.config;
  exports org.openttserver.runtime.extension;
  exports org.openttserver.runtime.md;
  exports org.openttserver.runtime.plugin;
  exports org.openttserver.runtime.clientagent;
  exports org.openttserver.runtime.dc;
  exports org.openttserver.runtime.roles;
  exports org.openttserver.runtime.database;
  exports org.openttserver.runtime.stateserver;
  exports org.openttserver.runtime.metrics;
  exports org.openttserver.runtime.backup;

  opens org.openttserver.runtime.backup to info.picocli;
  opens org.openttserver.runtime to info.picocli;
  opens org.openttserver.runtime.config to com.fasterxml.jackson.databind;
}
