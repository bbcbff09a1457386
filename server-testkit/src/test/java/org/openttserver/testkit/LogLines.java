package org.openttserver.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the WARN and ERROR lines everything logs while open. */
final class LogLines implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  LogLines() {
    appender.start();
    root.addAppender(appender);
  }

  /** {@return the WARN and ERROR lines containing a text, formatted, with their exceptions} */
  List<String> containing(String text) {
    synchronized (appender) {
      return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(e -> e.getFormattedMessage()
              + (e.getThrowableProxy() != null ? " | " + e.getThrowableProxy().getClassName() : ""))
          .filter(line -> line.contains(text)).toList();
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
