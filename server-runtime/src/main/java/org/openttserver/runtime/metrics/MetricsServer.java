package org.openttserver.runtime.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** {@code GET /metrics} over HTTP (Prometheus text format), without sign-in. */
public final class MetricsServer implements AutoCloseable {
  private final HTTPServer http;

  private MetricsServer(HTTPServer http) {
    this.http = http;
  }

  /**
   * Starts serving.
   *
   * @param metrics what to serve
   * @param bind where (port 0 picks a free one)
   * @return the running endpoint
   * @throws IOException if the address cannot be bound
   */
  public static MetricsServer start(ServerMetrics metrics, InetSocketAddress bind)
      throws IOException {
    HTTPServer http = HTTPServer.builder().hostname(bind.getHostString()).port(bind.getPort())
        .registry(metrics.registry()).buildAndStart();
    return new MetricsServer(http);
  }

  /** {@return the bound port} */
  public int port() {
    return http.getPort();
  }

  @Override
  public void close() {
    http.close();
  }
}
