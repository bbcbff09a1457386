/**
 * The OpenTTServer API: what plugins, the AI and tools compile against.
 *
 * <p>It holds no networking library types: datagrams are byte arrays read and written with
 * {@link org.openttserver.api.datagram.DatagramReader} and {@link
 * org.openttserver.api.datagram.DatagramWriter}.
 */
module org.openttserver.api {
  requires transitive org.pf4j;
  requires transitive org.slf4j;
  requires transitive java.sql;

  exports org.openttserver.api.datagram;
  exports org.openttserver.api.msg;
  exports org.openttserver.api.cluster;
  exports org.openttserver.api.dc;
  exports org.openttserver.api.dna;
  exports org.openttserver.api.files;
  exports org.openttserver.api.session;
  exports org.openttserver.api.protocol;
  exports org.openttserver.api.plugin;
  exports org.openttserver.api.service;
  exports org.openttserver.api.bridge;
}
