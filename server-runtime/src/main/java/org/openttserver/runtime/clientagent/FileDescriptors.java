package org.openttserver.runtime.clientagent;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's file descriptors, as far as the JVM reports them (Unix only): the client agent
 * caps its connections below the open-file limit, so that the server is full, and says so, before
 * accepting fails and the account server and database run out of descriptors too.
 */
final class FileDescriptors {
  private FileDescriptors() {}

  /**
   * The connections the process has descriptors for.
   *
   * @param reserve descriptors kept for everything else; 0 = no cap
   * @return the open-file limit minus descriptors open now minus the reserve (at least 1), or
   *     {@link Integer#MAX_VALUE} if the platform does not tell or there is no reserve
   */
  static int connectionCap(int reserve) {
    if (reserve == 0 || !(ManagementFactory.getOperatingSystemMXBean()
        instanceof UnixOperatingSystemMXBean os)) {
      return Integer.MAX_VALUE;
    }
    return cap(os.getMaxFileDescriptorCount(), os.getOpenFileDescriptorCount(), reserve);
  }

  static int cap(long max, long open, int reserve) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, max - open - reserve));
  }

  /** {@return the limit, the descriptors open and the reserve, for the log} */
  static String describe(int reserve) {
    OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    if (bean instanceof UnixOperatingSystemMXBean os) {
      return "open-file limit " + os.getMaxFileDescriptorCount() + ", " + os
          .getOpenFileDescriptorCount() + " open at start, " + reserve + " kept for the rest of"
          + " the server (limits.reserved_file_descriptors)";
    }
    return "open-file limit unknown";
  }
}
